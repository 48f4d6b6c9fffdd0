public import PetrelDNS
public import PetrelResolver

/// One server of a `ScriptedNetwork`: the zones it is authoritative for and the rules that override its answers.
public struct ScriptedServer: Sendable {
  public var zones: [ScriptedZone] = []
  public var rules: [ScriptedRule] = []
  /// Answer EDNS queries with FORMERR without OPT, as servers from before RFC 6891.
  public var ednsSupported = true
  /// Answer as a recursive server (RA set, AA clear), for forwarder tests.
  public var recursive = false

  public init() {}

  /// The response to `request`.
  func respond(to request: ScriptedRequest) -> ScriptedAction {
    for rule in rules {
      if let action = rule(request) { return action }
    }
    if !ednsSupported && request.message.edns != nil { return .formErrWithoutEDNS }
    return .answer
  }

  /// The answer from the deepest zone that holds the question's name; REFUSED when none does.
  func zoneAnswer(to query: Message) -> Message {
    var response = Self.reply(to: query, rcode: .refused)
    guard let question = query.question,
      let zone = zones.filter({ question.name.isSubdomain(of: $0.apex) })
        .max(by: { $0.apex.labelCount < $1.apex.labelCount })
    else { return response }
    let sections = zone.respond(to: question)
    response.rcode = sections.rcode
    if sections.authoritative && !recursive { response.flags.insert(.aa) }
    response.answers = sections.answers
    response.authorities = sections.authorities
    response.additionals = sections.additionals
    return response
  }

  /// An empty response to `query`: QR set, RD copied, RA when recursive, the question and EDNS echoed.
  static func reply(to query: Message, rcode: RCode, recursive: Bool = false) -> Message {
    var flags: MessageFlags = [.qr]
    if query.flags.contains(.rd) { flags.insert(.rd) }
    if recursive { flags.insert(.ra) }
    return Message(
      id: query.id, flags: flags, opcode: query.opcode, rcode: rcode, questions: query.questions,
      edns: query.edns.map { EDNS(udpPayloadSize: 1232, dnssecOK: $0.dnssecOK) })
  }
}

/// A piece of a scripted server's description, as written in the `ScriptedNetwork.server` builder.
public protocol ScriptedServerPart {
  func apply(to server: inout ScriptedServer)
}

extension ScriptedZone: ScriptedServerPart {
  public func apply(to server: inout ScriptedServer) { server.zones.append(self) }
}

/// A rule consulted for every query before the zones answer.
public struct Respond: ScriptedServerPart {
  let rule: ScriptedRule

  public init(_ rule: @escaping ScriptedRule) { self.rule = rule }

  /// `action` for every query of `type` (any type when nil) for `name`, over `transport` (any when nil).
  public init(
    to name: String, type: RRType? = nil, over transport: UpstreamQuery.Transport? = nil, _ action: ScriptedAction
  ) {
    let wanted = try! DomainName(name)
    rule = { request in
      guard request.question?.name == wanted, type == nil || request.type == type,
        transport == nil || request.transport == transport
      else { return nil }
      return action
    }
  }

  public func apply(to server: inout ScriptedServer) { server.rules.append(rule) }
}

/// The server does not speak EDNS(0): FORMERR without OPT to every query with OPT.
public struct NoEDNS: ScriptedServerPart {
  public init() {}
  public func apply(to server: inout ScriptedServer) { server.ednsSupported = false }
}

/// The server truncates every UDP response and answers fully over TCP.
public struct TruncateUDP: ScriptedServerPart {
  public init() {}
  public func apply(to server: inout ScriptedServer) {
    server.rules.append { $0.transport == .udp ? .truncated : nil }
  }
}

/// The server answers as a recursive resolver would: RA set, AA clear.
public struct Recursive: ScriptedServerPart {
  public init() {}
  public func apply(to server: inout ScriptedServer) { server.recursive = true }
}

/// Builds a scripted server from its parts.
@resultBuilder
public enum ScriptedServerBuilder {
  public static func buildExpression(_ part: any ScriptedServerPart) -> [any ScriptedServerPart] { [part] }
  public static func buildBlock(_ parts: [any ScriptedServerPart]...) -> [any ScriptedServerPart] {
    parts.flatMap { $0 }
  }
  public static func buildOptional(_ parts: [any ScriptedServerPart]?) -> [any ScriptedServerPart] { parts ?? [] }
  public static func buildEither(first parts: [any ScriptedServerPart]) -> [any ScriptedServerPart] { parts }
  public static func buildEither(second parts: [any ScriptedServerPart]) -> [any ScriptedServerPart] { parts }
  public static func buildArray(_ parts: [[any ScriptedServerPart]]) -> [any ScriptedServerPart] {
    parts.flatMap { $0 }
  }
}
