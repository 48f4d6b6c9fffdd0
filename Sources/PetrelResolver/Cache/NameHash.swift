import PetrelDNS

/// A hash of a domain name that ignores ASCII case, computed once per cache call and kept in the key.
///
/// It exists for speed: the same value picks the shard and (mixed again by the dictionary's own seeded hasher)
/// the bucket, and lets key comparison reject a mismatch without touching the names. It hashes the case-folded
/// wire octets eight at a time (`CaseFolding`), seeded per process like every Swift hash, so an attacker cannot choose
/// names that pile into one shard.
enum NameHash {
  static func of(_ name: DomainName) -> UInt32 {
    var hasher = Hasher()
    name.wire.withUnsafeBufferPointer { CaseFolding.hash($0, into: &hasher) }
    let full = UInt64(bitPattern: Int64(hasher.finalize()))
    return UInt32(truncatingIfNeeded: full ^ (full >> 32))
  }

  /// Name equality ignoring case; word at a time, so identical spellings cost little more than a memcmp.
  static func equal(_ left: DomainName, _ right: DomainName) -> Bool {
    left == right
  }
}
