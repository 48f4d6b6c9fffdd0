import PetrelDNS
import PetrelResolver

extension CacheSnapshot {
  /// Reads a snapshot in the binary format of ``CacheSnapshotFormat``. Every length and count is checked
  /// against the bytes actually there, every entry must be used up exactly, and nothing may follow the
  /// last one: a snapshot is loaded whole or not at all.
  public init(decoding bytes: [UInt8]) throws(CacheSnapshotError) {
    guard bytes.count >= CacheSnapshotFormat.magic.count,
      Array(bytes.prefix(CacheSnapshotFormat.magic.count)) == CacheSnapshotFormat.magic
    else { throw .notASnapshot }
    guard bytes.count >= CacheSnapshotFormat.headerSize else { throw .truncated(offset: bytes.count) }
    let version = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
    guard version == CacheSnapshotFormat.version else { throw .unsupportedVersion(version) }
    guard bytes[10] == 0, bytes[11] == 0 else { throw .invalid(offset: 10, reason: "reserved bytes are not zero") }
    let takenAt = Int64(bitPattern: UInt64(Self.uint32(bytes, at: 12)) << 32 | UInt64(Self.uint32(bytes, at: 16)))
    let recordCount = Int(Self.uint32(bytes, at: 20))
    let denialCount = Int(Self.uint32(bytes, at: 24))
    // Every entry takes at least its four length bytes: a count beyond that cannot be honest.
    let room = (bytes.count - CacheSnapshotFormat.headerSize) / 4
    guard recordCount <= room, denialCount <= room - recordCount else {
      throw .invalid(offset: 20, reason: "\(recordCount) records and \(denialCount) denials cannot fit")
    }

    var offset = CacheSnapshotFormat.headerSize
    var records: [CachedRRSet] = []
    records.reserveCapacity(recordCount)
    for _ in 0..<recordCount {
      let start = offset
      let entry = try Self.nextEntry(bytes, offset: &offset)
      records.append(
        try Self.decodeEntry(entry, at: start) { (reader) throws(CacheSnapshotError) in
          try Self.record(from: &reader, takenAt: takenAt)
        })
    }
    var denials: [NegativeEntry] = []
    denials.reserveCapacity(denialCount)
    for _ in 0..<denialCount {
      let start = offset
      let entry = try Self.nextEntry(bytes, offset: &offset)
      denials.append(
        try Self.decodeEntry(entry, at: start) { (reader) throws(CacheSnapshotError) in
          try Self.denial(from: &reader, takenAt: takenAt)
        })
    }
    guard offset == bytes.count else {
      throw .invalid(offset: offset, reason: "\(bytes.count - offset) bytes after the last entry")
    }
    self.init(takenAt: takenAt, records: records, denials: denials)
  }

  private static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
      | UInt32(bytes[offset + 3])
  }

  /// The entry at `offset` (after its length), moving `offset` past it.
  private static func nextEntry(_ bytes: [UInt8], offset: inout Int) throws(CacheSnapshotError) -> ArraySlice<UInt8> {
    guard bytes.count - offset >= 4 else { throw .truncated(offset: offset) }
    let length = Int(uint32(bytes, at: offset))
    guard bytes.count - offset - 4 >= length else { throw .truncated(offset: offset) }
    let entry = bytes[(offset + 4)..<(offset + 4 + length)]
    offset += 4 + length
    return entry
  }

  /// Decodes one entry with a reader over exactly its bytes, which `body` must use up.
  private static func decodeEntry<Entry>(
    _ entry: ArraySlice<UInt8>, at offset: Int,
    _ body: (inout SnapshotEntryReader) throws(CacheSnapshotError) -> Entry
  ) throws(CacheSnapshotError) -> Entry {
    let outcome: Result<Entry, CacheSnapshotError> = Array(entry).withUnsafeBytes { buffer in
      var reader = SnapshotEntryReader(WireReader(message: buffer), entryOffset: offset)
      return Result { () throws(CacheSnapshotError) -> Entry in
        let value = try body(&reader)
        try reader.finish()
        return value
      }
    }
    return try outcome.get()
  }

  private static func record(
    from reader: inout SnapshotEntryReader, takenAt: Int64
  ) throws(CacheSnapshotError) -> CachedRRSet {
    let rank = try reader.uint8()
    guard let credibility = Credibility(rawValue: rank) else {
      throw reader.invalid("credibility \(rank) is not defined")
    }
    let originalTTL = try reader.uint32()
    let remaining = try reader.uint32()
    let source = try self.source(from: &reader)
    let name = try reader.name()
    let type = RRType(try reader.uint16())
    let count = Int(try reader.uint16())
    var rdatas: [RData] = []
    rdatas.reserveCapacity(count)
    for _ in 0..<count { rdatas.append(try reader.rdata(type)) }
    return CachedRRSet(
      rrset: RRSet(name: name, type: type, ttl: remaining, rdatas: rdatas), credibility: credibility,
      originalTTL: originalTTL, source: source, expiresAt: takenAt + Int64(remaining))
  }

  private static func denial(
    from reader: inout SnapshotEntryReader, takenAt: Int64
  ) throws(CacheSnapshotError) -> NegativeEntry {
    let kindByte = try reader.uint8()
    let typeValue = try reader.uint16()
    let kind: NegativeKind
    switch (CacheSnapshotFormat.DenialKind(rawValue: kindByte), typeValue) {
    case (.nxDomain, 0): kind = .nxDomain
    case (.noData, 1...): kind = .noData
    default: throw reader.invalid("denial kind \(kindByte) with type \(typeValue)")
    }
    let source = try self.source(from: &reader)
    let name = try reader.name()
    let soaOwner = try reader.name()
    let remaining = try reader.uint32()
    let rdata = try reader.rdata(.soa)
    return NegativeEntry(
      name: name, type: kind == .nxDomain ? nil : RRType(typeValue), kind: kind,
      soa: ResourceRecord(name: soaOwner, ttl: remaining, rdata: rdata), expiresAt: takenAt + Int64(remaining),
      source: source)
  }

  private static func source(from reader: inout SnapshotEntryReader) throws(CacheSnapshotError) -> UpstreamServer? {
    let family = try reader.uint8()
    let address: IPAddress
    switch CacheSnapshotFormat.SourceFamily(rawValue: family) {
    case .none?: return nil
    case .ipv4?: address = .v4(IPv4Address(try reader.uint32()))
    case .ipv6?:
      guard let v6 = IPv6Address(octets: try reader.bytes(16)) else { throw reader.invalid("short IPv6 address") }
      address = .v6(v6)
    case nil: throw reader.invalid("source family \(family) is not defined")
    }
    return UpstreamServer(address: address, port: try reader.uint16())
  }
}
