import PetrelDNS

/// Reads the fields of one cache snapshot entry with PetrelDNS's wire reader, reporting every failure as a
/// ``CacheSnapshotError`` that names where the entry starts, so that a bad snapshot is refused with one kind
/// of error whatever part of it is wrong.
struct SnapshotEntryReader {
  private var wire: WireReader
  /// Where the entry starts in the whole snapshot, for error messages.
  let entryOffset: Int

  init(_ wire: WireReader, entryOffset: Int) {
    self.wire = wire
    self.entryOffset = entryOffset
  }

  mutating func uint8() throws(CacheSnapshotError) -> UInt8 {
    try read { (wire) throws(DNSWireError) in try wire.readUInt8() }
  }
  mutating func uint16() throws(CacheSnapshotError) -> UInt16 {
    try read { (wire) throws(DNSWireError) in try wire.readUInt16() }
  }
  mutating func uint32() throws(CacheSnapshotError) -> UInt32 {
    try read { (wire) throws(DNSWireError) in try wire.readUInt32() }
  }
  mutating func bytes(_ count: Int) throws(CacheSnapshotError) -> [UInt8] {
    try read { (wire) throws(DNSWireError) in try wire.readBytes(count) }
  }

  /// An uncompressed name in wire form.
  mutating func name() throws(CacheSnapshotError) -> DomainName {
    try read { (wire) throws(DNSWireError) in try wire.readName(allowCompression: false) }
  }

  /// A 16-bit length and that many bytes of RDATA of `type`; its names may point back into the entry.
  mutating func rdata(_ type: RRType) throws(CacheSnapshotError) -> RData {
    let length = Int(try uint16())
    return try read { (wire) throws(DNSWireError) in try RData.decode(type: type, from: &wire, length: length) }
  }

  /// Fails unless every byte of the entry has been read.
  func finish() throws(CacheSnapshotError) {
    guard wire.remaining == 0 else { throw invalid("\(wire.remaining) bytes left over") }
  }

  /// The error for a field whose value the format does not allow.
  func invalid(_ reason: String) -> CacheSnapshotError {
    .invalid(offset: entryOffset, reason: reason)
  }

  private mutating func read<Value>(
    _ body: (inout WireReader) throws(DNSWireError) -> Value
  ) throws(CacheSnapshotError) -> Value {
    do {
      return try body(&wire)
    } catch {
      throw invalid("\(error)")
    }
  }
}
