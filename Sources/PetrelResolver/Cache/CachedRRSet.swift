public import PetrelDNS

/// One RRset as the record cache hands it out, and as a cache dump or a takeover carries it.
///
/// It exists so that callers see, next to the data, everything the cache policy decided with: how far the data
/// is trusted, who said it, and how long it has left. `rrset.ttl` is the remaining lifetime in seconds at the
/// time of the lookup or snapshot, never negative.
public struct CachedRRSet: Sendable, Equatable {
  /// The records; `ttl` is the number of seconds left before the entry expires.
  public var rrset: RRSet
  public var credibility: Credibility
  /// The TTL the entry started with in this cache, after clamping to the configured bounds.
  public var originalTTL: UInt32
  /// The server the data came from; nil for hints and for data loaded from elsewhere without one.
  public var source: UpstreamServer?
  /// When the entry expires, in the resolver clock's seconds: it is usable while `now < expiresAt`.
  public var expiresAt: Int64

  public init(
    rrset: RRSet, credibility: Credibility, originalTTL: UInt32, source: UpstreamServer?, expiresAt: Int64
  ) {
    self.rrset = rrset
    self.credibility = credibility
    self.originalTTL = originalTTL
    self.source = source
    self.expiresAt = expiresAt
  }
}
