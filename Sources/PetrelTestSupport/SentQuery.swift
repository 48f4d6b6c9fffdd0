public import PetrelDNS
public import PetrelResolver

/// One query the resolver sent into a `ScriptedNetwork`, as its log keeps it.
public struct SentQuery: Sendable, CustomStringConvertible {
  public var server: UpstreamServer
  public var id: UInt16
  public var question: Question
  public var transport: UpstreamQuery.Transport
  public var edns: EDNS?
  public var recursionDesired: Bool

  /// One short line for exact assertions: `"192.5.6.30 www.example.com. A"`, with ` tcp`, ` noedns`, ` rd`
  /// appended when they apply (and the port when it is not 53).
  public var description: String {
    var line = "\(server.address)\(server.port == 53 ? "" : "#\(server.port)") \(question.name) \(question.type)"
    if transport == .tcp { line += " tcp" }
    if edns == nil { line += " noedns" }
    if recursionDesired { line += " rd" }
    return line
  }
}
