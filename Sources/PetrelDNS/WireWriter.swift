/// Accumulates the octets of a DNS message and compresses names against those already written.
///
/// Only names written with `compress: true` are shortened to pointers; every name written (compressed or not)
/// below offset 0x4000 becomes a target for later ones, as RFC 1035 §4.1.4 allows.
public struct WireWriter {
  public private(set) var bytes: [UInt8]
  private var targets = CompressionTargets()

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
    name.wire.withUnsafeBufferPointer { wire in
      // A name has at most 127 labels: their starts and suffix fingerprints fit on the stack.
      withUnsafeTemporaryAllocation(of: (start: Int, fingerprint: UInt64).self, capacity: 128) { suffixes in
        var count = 0
        var labelOffset = 0
        while wire[labelOffset] != 0 {
          suffixes[count] = (labelOffset, 0)
          count += 1
          labelOffset += Int(wire[labelOffset]) + 1
        }
        // Fingerprints from the root up: suffix i covers labels i and all below.
        var running = CompressionTargets.rootFingerprint
        for index in stride(from: count - 1, through: 0, by: -1) {
          running = CompressionTargets.fingerprint(label: wire, at: suffixes[index].start, below: running)
          suffixes[index].fingerprint = running
        }
        for index in 0..<count {
          let (start, fingerprint) = suffixes[index]
          if compress, let target = targets.find(fingerprint, matching: wire, from: start, in: bytes) {
            writeUInt16(0xC000 | target)
            return
          }
          if bytes.count < 0x4000 {
            targets.add(fingerprint, offset: UInt16(bytes.count))
          }
          let length = Int(wire[start])
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: wire[start...(start + length)]))
        }
        bytes.append(0)
      }
    }
  }

  /// Drops everything written after `offset`, and the compression targets that pointed there.
  public mutating func truncate(to offset: Int) {
    guard offset < bytes.count else { return }
    bytes.removeSubrange(offset...)
    targets.removeAll(from: offset)
  }
}
