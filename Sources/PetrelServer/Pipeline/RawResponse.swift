public import NIOCore
public import PetrelDNS

/// Error responses written byte by byte from the query as it arrived.
///
/// REFUSED, FORMERR, NOTIMP, BADVERS and the SERVFAIL of an overloaded server carry no records, so building a
/// `Message` for them would only cost allocations; copying the client's header and question keeps its exact
/// spelling for free.
public enum RawResponse {
  /// The EDNS payload size Petrel advertises (DNS flag day 2020).
  public static let advertisedPayloadSize: UInt16 = 1232

  /// The response header's flag word: QR and RA set, RD and CD copied, the query's opcode, `rcode`'s low bits.
  @inline(__always)
  static func responseFlagsWord(queryFlagsWord: UInt16, rcode: RCode, authoritative: Bool = false) -> UInt16 {
    let copied = queryFlagsWord & (MessageFlags.rd.rawValue | MessageFlags.cd.rawValue | 0x7800)
    return copied | MessageFlags.qr.rawValue | MessageFlags.ra.rawValue
      | (authoritative ? MessageFlags.aa.rawValue : 0) | UInt16(rcode.headerBits)
  }

  /// A bare 12-octet header: for packets whose question could not be read, or whose opcode is not served.
  public static func headerOnly(
    id: UInt16, queryFlagsWord: UInt16, rcode: RCode, allocator: ByteBufferAllocator
  ) -> ByteBuffer {
    var buffer = allocator.buffer(capacity: MessageHeader.length)
    buffer.writeInteger(id)
    buffer.writeInteger(responseFlagsWord(queryFlagsWord: queryFlagsWord, rcode: rcode))
    buffer.writeInteger(UInt64(0))
    return buffer
  }

  /// The query's header and question turned into a response with `rcode` and no records; an OPT record
  /// (carrying the extended rcode bits and, if given, an Extended DNS Error) iff the query had one.
  public static func withQuestion(
    query: UnsafeRawBufferPointer, scanned: ScannedQuery, rcode: RCode,
    extendedError: ExtendedDNSError.InfoCode? = nil, allocator: ByteBufferAllocator
  ) -> ByteBuffer {
    let optLength = scanned.edns == nil ? 0 : (extendedError == nil ? 11 : 17)
    var buffer = allocator.buffer(capacity: scanned.questionEnd + optLength)
    buffer.writeInteger(scanned.id)
    buffer.writeInteger(responseFlagsWord(queryFlagsWord: scanned.flagsWord, rcode: rcode))
    buffer.writeInteger(UInt16(1))
    buffer.writeInteger(UInt32(0))
    buffer.writeInteger(UInt16(scanned.edns == nil ? 0 : 1))
    buffer.writeBytes(UnsafeRawBufferPointer(rebasing: query[MessageHeader.length..<scanned.questionEnd]))
    if let edns = scanned.edns {
      buffer.writeInteger(UInt8(0))
      buffer.writeInteger(RRType.opt.rawValue)
      buffer.writeInteger(advertisedPayloadSize)
      buffer.writeInteger(rcode.extendedBits)
      buffer.writeInteger(UInt8(0))
      buffer.writeInteger(UInt16(edns.dnssecOK ? 0x8000 : 0))
      if let extendedError {
        buffer.writeInteger(UInt16(6))
        buffer.writeInteger(EDNSOption.extendedErrorCode)
        buffer.writeInteger(UInt16(2))
        buffer.writeInteger(extendedError.rawValue)
      } else {
        buffer.writeInteger(UInt16(0))
      }
    }
    return buffer
  }
}
