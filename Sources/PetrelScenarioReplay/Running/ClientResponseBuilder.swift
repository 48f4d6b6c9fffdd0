public import PetrelDNS
public import PetrelResolver

/// The response petreld sends a client, built from the resolver's result the way PetrelServer's query pipeline
/// builds it (`QueryAnswer` and `AnswerEncoder`), so that a scenario checks what a client of the daemon gets.
///
/// QR and RA set, RD and CD copied from the query, AA clear (the resolver's answers are not authoritative), the
/// question as the client spelled it, the resolver's answer and authority records, no additional records
/// (minimal responses), EDNS only when the query had it (payload 1232, DO echoed, an extended DNS error with
/// every SERVFAIL), and the whole cut to what the client can receive over UDP: 512 octets without EDNS, its
/// advertised size capped at 1232 with it, TC set when records had to go.
public enum ClientResponseBuilder {
  /// The largest UDP response the server sends whatever the client advertises.
  public static let udpCeiling = 1232
  /// The payload size the server advertises in its own OPT record.
  public static let advertisedPayloadSize: UInt16 = 1232

  /// The response message to `query` (which asked `question`) carrying `result`.
  public static func response(to query: Message, question: Question, result: ResolutionResult) -> Message {
    var extendedError = result.extendedError
    if result.rcode == .servFail && extendedError == nil { extendedError = ExtendedDNSError(code: .otherError) }
    var response = refusal(to: query, rcode: result.rcode, question: question)
    response.answers = result.answers
    response.authorities = result.authorities
    if var edns = response.edns, let extendedError {
      edns.options = [.extendedError(extendedError)]
      response.edns = edns
    }
    return response
  }

  /// An answer with no records: for errors decided before resolution, and the base of every response.
  public static func refusal(to query: Message, rcode: RCode, question: Question?) -> Message {
    var flags: MessageFlags = [.qr, .ra]
    flags.formUnion(query.flags.intersection([.rd, .cd]))
    return Message(
      id: query.id, flags: flags, opcode: query.opcode, rcode: rcode, questions: question.map { [$0] } ?? [],
      edns: query.edns.map { EDNS(udpPayloadSize: advertisedPayloadSize, dnssecOK: $0.dnssecOK) })
  }

  /// The octets sent over UDP for `response` to `query`; nil when not even the header fits (the server then
  /// sends a bare SERVFAIL header).
  public static func udpOctets(_ response: Message, query: Message) -> [UInt8]? {
    let limit = query.edns.map { max(512, min(Int($0.udpPayloadSize), udpCeiling)) } ?? 512
    if let bytes = try? response.encode(maxSize: limit) { return bytes }
    guard var edns = response.edns, !edns.options.isEmpty else { return nil }
    var bare = response
    edns.options = []
    bare.edns = edns
    return try? bare.encode(maxSize: limit)
  }
}
