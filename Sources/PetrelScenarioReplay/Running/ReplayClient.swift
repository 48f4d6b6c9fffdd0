import PetrelDNS
import PetrelResolver

/// The client side of a replay: sends a step's query through petreld's admission rules to the resolver, keeps
/// the response as the client received it, and checks it against an expected entry.
///
/// As in Deckard, the answer to a `RAW` query is not waited for (the query still reaches the resolver if the
/// server would pass it on), so a check right after one has nothing to compare.
struct ReplayClient {
  let resolver: Resolver
  private(set) var queriesSent = 0
  /// The step id of the last query, for logs.
  private(set) var lastQueryStep = 0
  private var lastResponse: (message: Message, octets: [UInt8])?

  init(resolver: Resolver) { self.resolver = resolver }

  /// Sends the query of `entry` at step `step` (whose low 16 bits are its ID).
  mutating func ask(_ entry: ScenarioEntry, step: Int) async {
    queriesSent += 1
    lastQueryStep = step
    let octets = entry.raw ?? Self.queryOctets(entry, id: UInt16(truncatingIfNeeded: step))
    let response = await respond(to: octets)
    lastResponse = entry.raw == nil ? response : nil
  }

  /// What is wrong with the last response with regard to `expected`; nil when it matches.
  func check(_ expected: ScenarioEntry) -> String? {
    guard let lastResponse else { return "no answer from the preceding query" }
    if let raw = expected.raw {
      return raw == lastResponse.octets
        ? nil : "raw response differs: expected \(raw.hex), got \(lastResponse.octets.hex)"
    }
    let mismatches = expected.mismatches(lastResponse.message)
    guard !mismatches.isEmpty else { return nil }
    return mismatches.map { "  \($0)" }.joined(separator: "\n") + "\nthe response was:\n"
      + lastResponse.message.presentation
  }

  /// The response the server sends for `octets`, as the client decodes it; nil when it sends none.
  private func respond(to octets: [UInt8]) async -> (message: Message, octets: [UInt8])? {
    let response: Message
    let query: Message
    switch ClientQueryAdmission.admit(octets) {
    case .drop:
      return nil
    case .refuse(let rcode):
      guard let header = octets.withUnsafeBytes({ try? MessageHeader(decoding: $0) }) else { return nil }
      query = Message(id: header.id, flags: header.flags, opcode: header.opcode)
      response = ClientResponseBuilder.refusal(to: query, rcode: rcode, question: nil)
    case .resolve(let admitted, let question):
      query = admitted
      let result = await resolver.resolve(question)
      response = ClientResponseBuilder.response(to: query, question: question, result: result)
    }
    let sent =
      ClientResponseBuilder.udpOctets(response, query: query)
      ?? ClientResponseBuilder.udpOctets(
        ClientResponseBuilder.refusal(to: query, rcode: .servFail, question: nil), query: query)
    guard let sent, let decoded = try? Message(decoding: sent) else { return nil }
    return (decoded, sent)
  }

  /// Deckard's client query: the entry's header bits, opcode and question, EDNS with a 4096-octet payload and
  /// the DO bit when the entry sets it.
  static func queryOctets(_ entry: ScenarioEntry, id: UInt16) -> [UInt8] {
    let query = Message(
      id: id, flags: entry.flags, opcode: entry.opcode, rcode: entry.rcode, questions: entry.questions,
      edns: EDNS(udpPayloadSize: 4096, dnssecOK: entry.dnssecOK))
    return (try? query.encode(maxSize: 65_535)) ?? []
  }
}

extension [UInt8] {
  var hex: String {
    map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }.joined()
  }
}
