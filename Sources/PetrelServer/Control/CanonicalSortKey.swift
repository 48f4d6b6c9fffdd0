import PetrelDNS

/// A name's canonical DNS order (RFC 4034 §6.1) as plain bytes, so that sorting a million-entry dump compares
/// byte arrays instead of splitting both names into labels on every comparison.
///
/// The labels are written from the root down, each as its lowercased octets followed by a 0x00 terminator;
/// octets 0x00 and 0x01 are written as 0x01 0x01 and 0x01 0x02, so that a terminator sorts before any octet
/// and a label that is a prefix of another sorts first, exactly as the canonical order wants.
enum CanonicalSortKey {
  static func of(_ name: DomainName) -> [UInt8] {
    var starts: [Int] = []
    var offset = 0
    let wire = name.wire
    while offset < wire.count, wire[offset] != 0 {
      starts.append(offset)
      offset += Int(wire[offset]) + 1
    }
    var key: [UInt8] = []
    key.reserveCapacity(wire.count + 4)
    for start in starts.reversed() {
      for byte in wire[(start + 1)...(start + Int(wire[start]))] {
        let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        if lower <= 1 {
          key.append(1)
          key.append(lower + 1)
        } else {
          key.append(lower)
        }
      }
      key.append(0)
    }
    return key
  }

  /// `entries` sorted by name (canonically), then by `rank`, keeping the order of ties.
  static func sorted<Entry>(_ entries: [Entry], name: (Entry) -> DomainName, rank: (Entry) -> Int) -> [Entry] {
    let keyed = entries.enumerated().map { (key: of(name($0.element)), rank: rank($0.element), index: $0.offset) }
    return keyed.sorted { left, right in
      if left.key != right.key { return left.key.lexicographicallyPrecedes(right.key) }
      if left.rank != right.rank { return left.rank < right.rank }
      return left.index < right.index
    }.map { entries[$0.index] }
  }
}
