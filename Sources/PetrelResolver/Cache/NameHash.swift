import PetrelDNS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A hash of a domain name that ignores ASCII case, computed once per cache call and kept in the key.
///
/// It exists for speed: the same value picks the shard and (mixed again by the dictionary's own seeded hasher)
/// the bucket, and lets key comparison reject a mismatch without touching the names. It hashes the case-folded
/// wire octets in one `Hasher` call, seeded per process like every Swift hash, so an attacker cannot choose
/// names that pile into one shard.
enum NameHash {
  static func of(_ name: DomainName) -> UInt32 {
    var hasher = Hasher()
    name.wire.withUnsafeBufferPointer { wire in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: wire.count) { folded in
        for index in wire.indices {
          let byte = wire[index]
          folded[index] = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
        }
        hasher.combine(bytes: UnsafeRawBufferPointer(folded))
      }
    }
    let full = UInt64(bitPattern: Int64(hasher.finalize()))
    return UInt32(truncatingIfNeeded: full ^ (full >> 32))
  }

  /// Name equality with a fast path for the common case of identical spelling.
  static func equal(_ left: DomainName, _ right: DomainName) -> Bool {
    let identical = left.wire.withUnsafeBufferPointer { l in
      right.wire.withUnsafeBufferPointer { r in
        guard l.count == r.count, let a = l.baseAddress, let b = r.baseAddress else { return false }
        return memcmp(a, b, l.count) == 0
      }
    }
    return identical || left == right
  }
}
