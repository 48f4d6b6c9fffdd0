import PetrelDNS

/// Owner and type: what the record cache files an RRset under (class IN only, so no class), with the owner's
/// hash computed once.
struct RecordCacheKey: Hashable, Sendable {
  var name: DomainName
  var type: RRType
  let nameHash: UInt32

  init(name: DomainName, type: RRType) {
    self.name = name
    self.type = type
    nameHash = NameHash.of(name)
  }

  /// Picks the shard: owner and type, so the types of one busy name spread over the shards.
  var shardHash: Int { Int(nameHash) &* 31 &+ Int(type.rawValue) }

  static func == (left: RecordCacheKey, right: RecordCacheKey) -> Bool {
    left.nameHash == right.nameHash && left.type == right.type && NameHash.equal(left.name, right.name)
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(nameHash)
    hasher.combine(type.rawValue)
  }
}

/// An RRset as the record cache stores it: the RDATA and the policy fields, nothing repeated.
///
/// Kept apart from `CachedRRSet` to stay small: the owner and type live in the key, the class is always IN, and
/// the TTL is derived from `expiresAt` when the entry is read.
struct StoredRRSet: ExpiringCacheValue {
  var rdatas: [RData]
  var expiresAt: Int64
  var originalTTL: UInt32
  var credibility: Credibility
  var source: UpstreamServer?

  /// The public form, with the TTL counted down to `now`.
  func cached(_ key: RecordCacheKey, now: Int64) -> CachedRRSet {
    CachedRRSet(
      rrset: RRSet(name: key.name, type: key.type, ttl: remainingTTL(at: now), rdatas: rdatas),
      credibility: credibility, originalTTL: originalTTL, source: source, expiresAt: expiresAt)
  }
}
