public import PetrelDNS

/// Turns response content into the bytes a client receives.
///
/// The one place where a `QueryAnswer` meets the client's query: the ID, the RD and CD bits, the question as
/// the client spelled it, EDNS iff the query had it, and truncation to what the client can receive.
public enum AnswerEncoder {
  /// The response message for `answer` to the query described by `scanned`, asking `question`.
  public static func message(for answer: QueryAnswer, question: Question, scanned: ScannedQuery) -> Message {
    var flags: MessageFlags = [.qr, .ra]
    flags.formUnion(scanned.flags.intersection([.rd, .cd]))
    if answer.authoritative { flags.insert(.aa) }
    var edns: EDNS? = nil
    if let queryEDNS = scanned.edns {
      edns = EDNS(
        udpPayloadSize: RawResponse.advertisedPayloadSize, dnssecOK: queryEDNS.dnssecOK,
        options: answer.extendedError.map { [.extendedError($0)] } ?? [])
    }
    return Message(
      id: scanned.id, flags: flags, opcode: .query, rcode: answer.rcode, questions: [question],
      answers: answer.answers, authorities: answer.authorities, additionals: answer.additionals, edns: edns)
  }

  /// Encodes `message` into at most `maxSize` octets (whole RRsets, TC when records had to go).
  ///
  /// If even the header, question and OPT record do not fit — a long extended-error text against a 512-octet
  /// limit — the EDNS options go first; nil only when nothing can be sent.
  public static func encode(_ message: Message, maxSize: Int) -> [UInt8]? {
    if let bytes = try? message.encode(maxSize: maxSize) { return bytes }
    guard var edns = message.edns, !edns.options.isEmpty else { return nil }
    var bare = message
    edns.options = []
    bare.edns = edns
    return try? bare.encode(maxSize: maxSize)
  }

  /// The largest UDP response a client may receive: 512 octets without EDNS, else its advertised size,
  /// never below 512 and never above `ceiling` (Petrel's own limit against fragmentation).
  @inline(__always)
  public static func udpLimit(for scanned: ScannedQuery, ceiling: Int) -> Int {
    guard let edns = scanned.edns else { return 512 }
    return max(512, min(Int(edns.udpPayloadSize), ceiling))
  }
}
