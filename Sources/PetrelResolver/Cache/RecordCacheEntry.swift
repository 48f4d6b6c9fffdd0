import PetrelDNS

/// Owner and type: what the record cache files an RRset under (class IN only, so no class).
struct RecordCacheKey: Hashable, Sendable {
  var name: DomainName
  var type: RRType
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
