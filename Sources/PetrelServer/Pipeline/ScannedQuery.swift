public import PetrelDNS

/// What the server needs to know about a client's query, read straight from the received bytes.
///
/// The first step of the pipeline, for every packet: it decides between dropping, an immediate error and a
/// real query, and gathers what the packet-cache lookup needs (the question's position and hash, the flags
/// that change the answer, the EDNS fields) without allocating anything. The full question (`QueryPeek`)
/// is only decoded on a cache miss.
public struct ScannedQuery: Sendable, Equatable {
  /// The EDNS(0) fields of the query's OPT record.
  public struct EDNSFields: Sendable, Equatable {
    public var udpPayloadSize: UInt16
    public var version: UInt8
    public var dnssecOK: Bool
  }

  /// The query's ID.
  public var id: UInt16
  /// The header's second word as received: flags, opcode and rcode bits.
  public var flagsWord: UInt16
  /// The question name occupies `MessageHeader.length..<nameEnd`, uncompressed.
  public var nameEnd: Int
  public var type: UInt16
  public var rrClass: UInt16
  /// The offset just after the question.
  public var questionEnd: Int
  /// FNV-1a of the lowercased question name, seeded per process.
  public var nameHash: UInt64
  /// The OPT record, if the query had one.
  public var edns: EDNSFields?

  public var flags: MessageFlags { MessageFlags(rawValue: flagsWord) }
  public var opcode: Opcode { Opcode(rawValue: UInt8(truncatingIfNeeded: flagsWord >> 11) & 0x0F) }
}

/// The outcome of scanning a packet: what the pipeline does next.
public enum QueryScanOutcome: Sendable, Equatable {
  /// A well-formed standard query.
  case query(ScannedQuery)
  /// Not worth an answer: shorter than a header, or a response (QR set) — answering those invites loops.
  case drop
  /// Answer with this rcode and a bare header (FORMERR, NOTIMP); `id` and `flagsWord` are the query's.
  case headerOnly(id: UInt16, flagsWord: UInt16, rcode: RCode)
}

extension ScannedQuery {
  /// The most records a query may carry besides its question; queries have none but the OPT record.
  static let maximumExtraRecords = 64

  /// Scans `bytes`; never traps, whatever they hold.
  public static func scan(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> QueryScanOutcome {
    guard bytes.count >= MessageHeader.length else { return .drop }
    @inline(__always) func word(_ offset: Int) -> UInt16 { UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1]) }
    let id = word(0)
    let flagsWord = word(2)
    if flagsWord & MessageFlags.qr.rawValue != 0 { return .drop }
    if (flagsWord >> 11) & 0x0F != Opcode.query.rawValue {
      return .headerOnly(id: id, flagsWord: flagsWord, rcode: .notImp)
    }
    let formErr = QueryScanOutcome.headerOnly(id: id, flagsWord: flagsWord, rcode: .formErr)
    guard word(4) == 1 else { return formErr }

    // The question name: uncompressed labels only (nothing precedes it that a pointer could name).
    var offset = MessageHeader.length
    while true {
      guard offset < bytes.count else { return formErr }
      let length = Int(bytes[offset])
      if length == 0 { break }
      guard length < 64 else { return formErr }
      offset += length + 1
      guard offset - MessageHeader.length < DomainName.maximumWireLength else { return formErr }
    }
    let nameEnd = offset + 1
    guard nameEnd + 4 <= bytes.count else { return formErr }
    let type = word(nameEnd)
    let rrClass = word(nameEnd + 2)
    let questionEnd = nameEnd + 4

    // The other sections: only the OPT record matters, but every record must be whole.
    let answerAndAuthority = Int(word(6)) + Int(word(8))
    let total = answerAndAuthority + Int(word(10))
    guard total <= maximumExtraRecords else { return formErr }
    var edns: EDNSFields? = nil
    offset = questionEnd
    for index in 0..<total {
      guard let afterName = skipName(bytes, from: offset), afterName + 10 <= bytes.count else { return formErr }
      let recordType = word(afterName)
      let dataLength = Int(word(afterName + 8))
      let next = afterName + 10 + dataLength
      guard next <= bytes.count else { return formErr }
      if recordType == RRType.opt.rawValue {
        // One OPT, in the additional section, owned by the root (RFC 6891 §6.1.1).
        guard edns == nil, index >= answerAndAuthority, afterName == offset + 1 else { return formErr }
        edns = EDNSFields(
          udpPayloadSize: word(afterName + 2), version: bytes[afterName + 5],
          dnssecOK: bytes[afterName + 6] & 0x80 != 0)
      }
      offset = next
    }
    return .query(
      ScannedQuery(
        id: id, flagsWord: flagsWord, nameEnd: nameEnd, type: type, rrClass: rrClass, questionEnd: questionEnd,
        nameHash: WireNameBytes.hash(bytes, MessageHeader.length..<nameEnd, seed: seed), edns: edns))
  }

  /// The offset after the (possibly compressed) name at `start`, or nil when it runs off the end.
  static func skipName(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    var offset = start
    for _ in 0..<128 {
      guard offset < bytes.count else { return nil }
      let length = Int(bytes[offset])
      switch length & 0xC0 {
      case 0x00:
        if length == 0 { return offset + 1 }
        offset += length + 1
      case 0xC0:
        return offset + 2 <= bytes.count ? offset + 2 : nil
      default:
        return nil
      }
    }
    return nil
  }
}
