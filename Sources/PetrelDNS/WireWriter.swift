/// Accumulates the octets of a DNS message and compresses names against those already written.
///
/// Only names written with `compress: true` are shortened to pointers; every name written (compressed or not)
/// below offset 0x4000 becomes a target for later ones, as RFC 1035 §4.1.4 allows.
public struct WireWriter {
  public private(set) var bytes: [UInt8]
  private var suffixOffsets: [NameSuffixKey: UInt16] = [:]

  public init(capacity: Int = 512) {
    bytes = []
    bytes.reserveCapacity(capacity)
  }

  public var count: Int { bytes.count }

  public mutating func writeUInt8(_ value: UInt8) { bytes.append(value) }

  public mutating func writeUInt16(_ value: UInt16) {
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    bytes.append(UInt8(truncatingIfNeeded: value))
  }

  public mutating func writeUInt32(_ value: UInt32) {
    bytes.append(UInt8(truncatingIfNeeded: value >> 24))
    bytes.append(UInt8(truncatingIfNeeded: value >> 16))
    bytes.append(UInt8(truncatingIfNeeded: value >> 8))
    bytes.append(UInt8(truncatingIfNeeded: value))
  }

  public mutating func writeBytes<Bytes: Sequence<UInt8>>(_ data: Bytes) { bytes.append(contentsOf: data) }

  /// Writes a `<character-string>`; callers guarantee at most 255 octets (the RDATA types check on input).
  public mutating func writeCharacterString(_ data: [UInt8]) {
    bytes.append(UInt8(min(data.count, 255)))
    bytes.append(contentsOf: data.prefix(255))
  }

  /// Overwrites two octets already written (RDLENGTH, header counts).
  public mutating func patchUInt16(_ value: UInt16, at offset: Int) {
    bytes[offset] = UInt8(truncatingIfNeeded: value >> 8)
    bytes[offset + 1] = UInt8(truncatingIfNeeded: value)
  }

  /// Writes `name`, replacing its longest already-written suffix by a pointer when `compress` is true.
  public mutating func writeName(_ name: DomainName, compress: Bool) {
    var labelOffset = 0
    let wire = name.wire
    while wire[labelOffset] != 0 {
      let key = NameSuffixKey(wire: wire, start: labelOffset)
      if compress, let target = suffixOffsets[key] {
        writeUInt16(0xC000 | target)
        return
      }
      if bytes.count < 0x4000 {
        suffixOffsets[key] = UInt16(bytes.count)
      }
      let length = Int(wire[labelOffset])
      bytes.append(contentsOf: wire[labelOffset...(labelOffset + length)])
      labelOffset += length + 1
    }
    bytes.append(0)
  }

  /// Drops everything written after `offset`, and the compression targets that pointed there.
  public mutating func truncate(to offset: Int) {
    guard offset < bytes.count else { return }
    bytes.removeSubrange(offset...)
    suffixOffsets = suffixOffsets.filter { Int($0.value) < offset }
  }
}

/// A name suffix as a dictionary key: the octets from a label boundary to the root, compared ignoring case.
private struct NameSuffixKey: Hashable {
  let wire: [UInt8]
  let start: Int

  static func == (left: NameSuffixKey, right: NameSuffixKey) -> Bool {
    DomainName.equalFoldingCase(left.wire[left.start...], right.wire[right.start...])
  }

  func hash(into hasher: inout Hasher) {
    for byte in wire[start...] { hasher.combine(DomainName.lowerASCII(byte)) }
  }
}
