/// The name suffixes a `WireWriter` has written, for RFC 1035 §4.1.4 compression.
///
/// A response names the same few zones over and over; each name written is looked up suffix by suffix, longest
/// first. Keying a dictionary by the suffix octets cost a hash of every octet of every suffix; here each suffix
/// gets a 64-bit case-folded fingerprint, built from the root up in one pass over the name, and the targets are
/// scanned by fingerprint, which a small message does faster than any hash table. A large one (past
/// `indexThreshold` targets, say a big TCP response) gets an index from fingerprint to offset. A fingerprint
/// match is confirmed against the octets already written, following their pointers, so a collision can only
/// cost a missed compression, never a wrong name.
struct CompressionTargets {
  /// Targets scanned linearly before an index is built.
  static let indexThreshold = 48
  static let rootFingerprint: UInt64 = 0xCBF2_9CE4_8422_2325

  private var entries: [(fingerprint: UInt64, offset: UInt16)] = []
  private var index: [UInt64: UInt16]?

  /// The fingerprint of the suffix starting with the label at `start`, given that of the suffix below it.
  @inline(__always)
  static func fingerprint(label wire: UnsafeBufferPointer<UInt8>, at start: Int, below: UInt64) -> UInt64 {
    var hash = below
    let end = start + Int(wire[start])
    var offset = start
    while offset <= end {
      hash = (hash ^ UInt64(DomainName.lowerASCII(wire[offset]))) &* 0x0000_0100_0000_01B3
      offset += 1
    }
    return hash
  }

  /// The offset of an earlier copy of `wire[start...]` in `bytes`, if one was recorded.
  func find(_ fingerprint: UInt64, matching wire: UnsafeBufferPointer<UInt8>, from start: Int, in bytes: [UInt8])
    -> UInt16?
  {
    if let index {
      guard let offset = index[fingerprint] else { return nil }
      return Self.matches(wire, from: start, at: Int(offset), in: bytes) ? offset : nil
    }
    for entry in entries where entry.fingerprint == fingerprint {
      if Self.matches(wire, from: start, at: Int(entry.offset), in: bytes) { return entry.offset }
    }
    return nil
  }

  mutating func add(_ fingerprint: UInt64, offset: UInt16) {
    if entries.isEmpty { entries.reserveCapacity(16) }
    entries.append((fingerprint, offset))
    if index != nil {
      if index![fingerprint] == nil { index![fingerprint] = offset }
    } else if entries.count > Self.indexThreshold {
      rebuildIndex()
    }
  }

  /// Forgets the targets at or after `offset` (the octets there were cut).
  mutating func removeAll(from offset: Int) {
    guard let keep = entries.firstIndex(where: { Int($0.offset) >= offset }) else { return }
    entries.removeSubrange(keep...)
    if index != nil { rebuildIndex() }
  }

  private mutating func rebuildIndex() {
    guard entries.count > Self.indexThreshold else {
      index = nil
      return
    }
    var rebuilt: [UInt64: UInt16] = [:]
    rebuilt.reserveCapacity(entries.count * 2)
    for entry in entries where rebuilt[entry.fingerprint] == nil {
      rebuilt[entry.fingerprint] = entry.offset
    }
    index = rebuilt
  }

  /// True when the name written at `offset` (following compression pointers) equals `wire[start...]`.
  static func matches(_ wire: UnsafeBufferPointer<UInt8>, from start: Int, at offset: Int, in bytes: [UInt8]) -> Bool {
    var position = offset
    var cursor = start
    var jumps = 0
    while true {
      guard position < bytes.count else { return false }
      let length = Int(bytes[position])
      if length & 0xC0 == 0xC0 {
        guard position + 1 < bytes.count, jumps < 127 else { return false }
        position = (length & 0x3F) << 8 | Int(bytes[position + 1])
        jumps += 1
        continue
      }
      guard length == Int(wire[cursor]) else { return false }
      if length == 0 { return true }
      guard position + length < bytes.count else { return false }
      for step in 1...length
      where DomainName.lowerASCII(bytes[position + step]) != DomainName.lowerASCII(wire[cursor + step]) {
        return false
      }
      position += length + 1
      cursor += length + 1
    }
  }
}
