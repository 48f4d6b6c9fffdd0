/// Byte-level operations on an uncompressed wire-format name that sits inside a packet.
///
/// The packet-cache hit path compares and hashes the client's question name where it lies in the received
/// datagram, without building a `DomainName` (which would allocate); these are those operations, written once.
enum WireNameBytes {
  /// ASCII lowercase of one octet (RFC 4343: only A–Z fold).
  @inline(__always)
  static func lowercase(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
  }

  /// FNV-1a over the lowercased octets `bytes[range]`, seeded so that collisions cannot be chosen offline.
  @inline(__always)
  static func hash(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, seed: UInt64) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
    for index in range {
      hash = (hash ^ UInt64(lowercase(bytes[index]))) &* 0x0000_0100_0000_01B3
    }
    return hash ^ (hash >> 29)
  }

  /// True when the octets at `left[leftRange]` and `right[rightStart...]` spell the same name, ignoring case.
  @inline(__always)
  static func equalIgnoringCase(
    _ left: UnsafeRawBufferPointer, _ leftRange: Range<Int>, _ right: UnsafeRawBufferPointer, at rightStart: Int
  ) -> Bool {
    guard rightStart >= 0, rightStart + leftRange.count <= right.count else { return false }
    var other = rightStart
    for index in leftRange {
      if lowercase(left[index]) != lowercase(right[other]) { return false }
      other += 1
    }
    return true
  }

  /// True when the wire name `name` (starting at its first length octet) equals `apex` or lies below it,
  /// ignoring case. Both must be uncompressed and end with the root label.
  static func isWithin(_ name: UnsafeRawBufferPointer, apex: [UInt8], subtree: Bool) -> Bool {
    // Walk label boundaries: the suffix of `name` with apex's length must start on one.
    let difference = name.count - apex.count
    guard difference >= 0, subtree || difference == 0 else { return false }
    var offset = 0
    var steps = 0
    while offset < difference && steps < 128 {
      offset += Int(name[offset]) + 1
      steps += 1
    }
    guard offset == difference else { return false }
    for index in 0..<apex.count where lowercase(name[offset + index]) != lowercase(apex[index]) {
      return false
    }
    return true
  }
}
