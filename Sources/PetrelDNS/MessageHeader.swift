/// The fixed 12-octet header of a DNS message, decoded on its own.
///
/// The server's hot path (packet-cache hits) needs only the header and the first question; decoding them
/// without the rest of the message keeps that path free of record allocations. `rcode` here is only the
/// header's four bits: the extended bits live in the OPT record, which this type does not read.
public struct MessageHeader: Sendable, Hashable {
  public var id: UInt16
  public var flags: MessageFlags
  public var opcode: Opcode
  /// The header's 4-bit rcode (without EDNS extended bits).
  public var rcode: RCode
  public var questionCount: Int
  public var answerCount: Int
  public var authorityCount: Int
  /// The ARCOUNT as sent, counting the OPT record if there is one.
  public var additionalCount: Int

  /// The header's size on the wire.
  public static let length = 12

  /// Reads the first 12 octets of `bytes`.
  public init(decoding bytes: UnsafeRawBufferPointer) throws(DNSWireError) {
    guard bytes.count >= Self.length else { throw .truncated(offset: bytes.count) }
    func word(_ offset: Int) -> UInt16 { UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1]) }
    let bits = word(2)
    id = word(0)
    flags = MessageFlags(rawValue: bits)
    opcode = Opcode(rawValue: UInt8(truncatingIfNeeded: bits >> 11) & 0x0F)
    rcode = RCode(rawValue: bits & 0x0F)
    questionCount = Int(word(4))
    answerCount = Int(word(6))
    authorityCount = Int(word(8))
    additionalCount = Int(word(10))
  }

  /// The header's second word: flags, opcode and the low four rcode bits.
  static func flagsWord(flags: MessageFlags, opcode: Opcode, rcode: RCode) -> UInt16 {
    flags.rawValue | UInt16(opcode.rawValue & 0x0F) << 11 | UInt16(rcode.headerBits)
  }
}

/// The header and first question of a message, read without touching the rest.
///
/// What the server's hot path looks at before deciding whether a packet-cache entry answers the query:
/// `questionEnd` tells it where the question stops, so it can copy the client's question (and its spelling)
/// into a cached answer.
public struct QueryPeek: Sendable, Hashable {
  public let header: MessageHeader
  /// The first question, or nil when QDCOUNT is zero.
  public let question: Question?
  /// The offset just after the first question (the header's end when there is none).
  public let questionEnd: Int

  /// Reads the header and the first question; a QDCOUNT promising a question the message does not hold is
  /// `sectionCountMismatch`, as in the full decoder.
  public init(decoding bytes: UnsafeRawBufferPointer) throws(DNSWireError) {
    header = try MessageHeader(decoding: bytes)
    var reader = WireReader(message: bytes, offset: MessageHeader.length)
    if header.questionCount > 0 {
      guard reader.remaining > 0 else {
        throw .sectionCountMismatch(section: .question, declared: header.questionCount, found: 0)
      }
      question = try Question.decode(from: &reader)
    } else {
      question = nil
    }
    questionEnd = reader.offset
  }
}
