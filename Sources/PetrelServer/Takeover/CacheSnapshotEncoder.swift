import PetrelDNS
import PetrelResolver

extension CacheSnapshot {
  /// The snapshot in the binary format of ``CacheSnapshotFormat``.
  public func encoded() -> [UInt8] {
    var bytes = CacheSnapshotFormat.magic
    var header = WireWriter(capacity: CacheSnapshotFormat.headerSize)
    header.writeUInt16(CacheSnapshotFormat.version)
    header.writeUInt16(0)
    header.writeUInt32(UInt32(truncatingIfNeeded: UInt64(bitPattern: takenAt) >> 32))
    header.writeUInt32(UInt32(truncatingIfNeeded: UInt64(bitPattern: takenAt)))
    header.writeUInt32(UInt32(records.count))
    header.writeUInt32(UInt32(denials.count))
    bytes += header.bytes
    for record in records { Self.append(Self.entry(record), to: &bytes) }
    for denial in denials { Self.append(Self.entry(denial), to: &bytes) }
    return bytes
  }

  private static func append(_ entry: [UInt8], to bytes: inout [UInt8]) {
    let length = UInt32(entry.count)
    bytes += [UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff), UInt8(length & 0xff)]
    bytes += entry
  }

  /// credibility, original TTL, remaining TTL, source, owner, type, RDATA count, then each RDATA with its length.
  private static func entry(_ record: CachedRRSet) -> [UInt8] {
    var writer = WireWriter(capacity: 64)
    writer.writeUInt8(record.credibility.rawValue)
    writer.writeUInt32(record.originalTTL)
    writer.writeUInt32(record.rrset.ttl)
    writeSource(record.source, to: &writer)
    writer.writeName(record.rrset.name, compress: false)
    writer.writeUInt16(record.rrset.type.rawValue)
    writer.writeUInt16(UInt16(clamping: record.rrset.rdatas.count))
    for rdata in record.rrset.rdatas.prefix(Int(UInt16.max)) { writeRData(rdata, to: &writer) }
    return writer.bytes
  }

  /// kind, denied type (0 for NXDOMAIN), source, name, then the SOA: owner, remaining TTL, RDATA with its length.
  private static func entry(_ denial: NegativeEntry) -> [UInt8] {
    var writer = WireWriter(capacity: 96)
    let kind: CacheSnapshotFormat.DenialKind = denial.kind == .nxDomain ? .nxDomain : .noData
    writer.writeUInt8(kind.rawValue)
    writer.writeUInt16(denial.type?.rawValue ?? 0)
    writeSource(denial.source, to: &writer)
    writer.writeName(denial.name, compress: false)
    writer.writeName(denial.soa.name, compress: false)
    writer.writeUInt32(denial.soa.ttl)
    writeRData(denial.soa.rdata, to: &writer)
    return writer.bytes
  }

  private static func writeSource(_ source: UpstreamServer?, to writer: inout WireWriter) {
    switch source?.address {
    case nil:
      writer.writeUInt8(CacheSnapshotFormat.SourceFamily.none.rawValue)
    case .v4(let address):
      writer.writeUInt8(CacheSnapshotFormat.SourceFamily.ipv4.rawValue)
      writer.writeUInt32(address.value)
    case .v6(let address):
      writer.writeUInt8(CacheSnapshotFormat.SourceFamily.ipv6.rawValue)
      writer.writeBytes(address.octets)
    }
    if let source { writer.writeUInt16(source.port) }
  }

  private static func writeRData(_ rdata: RData, to writer: inout WireWriter) {
    let lengthOffset = writer.count
    writer.writeUInt16(0)
    rdata.encode(to: &writer)
    writer.patchUInt16(UInt16(truncatingIfNeeded: writer.count - lengthOffset - 2), at: lengthOffset)
  }
}
