/// Reads that RDATA decoders share, each failing with an error that names the record type.
///
/// The plain `WireReader` reads report a short message as `.truncated`; inside an RDATA field the cause is a
/// record whose length or internal counts are wrong, and these readers say so.
extension WireReader {
  /// Reads a `<character-string>` that must lie inside the RDATA of a `type` record.
  mutating func readCharacterString(in type: RRType) throws(DNSWireError) -> [UInt8] {
    guard remaining > 0 else { throw .rdataLengthMismatch(type: type, offset: offset) }
    let start = offset
    let length = Int(message[offset])
    guard length < remaining else {
      throw .invalidRData(
        type: type, offset: start,
        reason: "character-string of \(length) octets overruns the RDATA (\(remaining - 1) left)")
    }
    offset += 1
    return try readBytes(length)
  }

  /// Reads a name that must end inside the RDATA of a `type` record; one that runs past it means the RDATA
  /// length is wrong.
  mutating func readName(in type: RRType, allowCompression: Bool) throws(DNSWireError) -> DomainName {
    let start = offset
    do {
      return try readName(allowCompression: allowCompression)
    } catch .truncated {
      throw .rdataLengthMismatch(type: type, offset: start)
    }
  }

  /// Fails unless exactly `count` octets are left: the fixed-size tail of a `type` record.
  func expectRemaining(exactly count: Int, in type: RRType) throws(DNSWireError) {
    guard remaining == count else { throw .rdataLengthMismatch(type: type, offset: offset) }
  }

  /// Fails unless at least `count` octets are left: the fixed-size head of a `type` record.
  func expectRemaining(atLeast count: Int, in type: RRType) throws(DNSWireError) {
    guard remaining >= count else { throw .rdataLengthMismatch(type: type, offset: offset) }
  }
}
