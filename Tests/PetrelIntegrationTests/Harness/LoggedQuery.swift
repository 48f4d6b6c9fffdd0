import PetrelDNS

/// One line of a test authority's `--log`: what a resolver asked that server, and how.
struct LoggedQuery: Equatable, Sendable, CustomStringConvertible {
  /// The name exactly as the resolver spelled it (it may randomise case); compare with `==`, which ignores case.
  var name: DomainName
  var type: RRType
  var transport: DNSClient.Transport

  /// Parses `NAME TYPE TRANSPORT`; nil for a line that is not one.
  init?(line: Substring) {
    let fields = line.split(separator: " ")
    guard fields.count == 3, let name = try? DomainName(String(fields[0])),
      let type = RRType(mnemonic: String(fields[1])), let transport = DNSClient.Transport(rawValue: String(fields[2]))
    else { return nil }
    self.name = name
    self.type = type
    self.transport = transport
  }

  init(name: DomainName, type: RRType, transport: DNSClient.Transport) {
    self.name = name
    self.type = type
    self.transport = transport
  }

  var description: String { "\(name) \(type) \(transport.rawValue)" }
}
