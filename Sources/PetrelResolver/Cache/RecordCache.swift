public import PetrelDNS

/// The positive cache: RRsets the resolver has learnt, with their credibility, until their TTL runs out.
///
/// It exists so that the iterator asks each question upstream once per TTL, and so that better data replaces
/// worse but never the other way round (RFC 2181 §5.4.1). Sharded by owner and type, bounded in entries (a full
/// shard evicts by CLOCK, expired entries first), and aged by an injected clock. Only class IN is cached.
public final class RecordCache: Sendable {
  private let shards: ShardedCache<RecordCacheKey, StoredRRSet>
  private let clock: any ResolverClock
  private let ttlBounds: TTLBounds

  /// - Parameters:
  ///   - capacity: the most RRsets held at once; 0 disables caching.
  ///   - shardCount: independently locked parts; more shards, less contention.
  ///   - minimumTTL, maximumTTL: every stored TTL is clamped to these (a minimum above the maximum is lowered).
  public init(
    capacity: Int, shardCount: Int = 16, clock: any ResolverClock, minimumTTL: UInt32 = 0,
    maximumTTL: UInt32 = 86_400
  ) {
    shards = ShardedCache(capacity: capacity, shardCount: shardCount)
    self.clock = clock
    ttlBounds = TTLBounds(minimum: minimumTTL, maximum: maximumTTL)
  }

  /// Caches `rrset` with its TTL clamped to the configured bounds.
  ///
  /// Returns false, and leaves the cache as it was, when a live entry of higher credibility holds the name and
  /// type, or when the set cannot be cached at all: empty, not class IN, a meta type, RDATA of another type, or a
  /// TTL of 0 after clamping (it would expire at once).
  @discardableResult
  public func store(_ rrset: RRSet, credibility: Credibility, source: UpstreamServer?) -> Bool {
    guard Self.isCacheable(rrset) else { return false }
    let ttl = ttlBounds.clamp(rrset.ttl)
    guard ttl > 0 else { return false }
    let now = clock.now()
    let value = StoredRRSet(
      rdatas: rrset.rdatas, expiresAt: now + Int64(ttl), originalTTL: ttl, credibility: credibility,
      source: source)
    return insert(RecordCacheKey(name: rrset.name, type: rrset.type), value, now: now)
  }

  /// The live RRset for `name` and `type`, its TTL counted down; nil when absent or expired (an expired entry
  /// is removed on the way).
  public func lookup(_ name: DomainName, _ type: RRType) -> CachedRRSet? {
    let key = RecordCacheKey(name: name, type: type)
    let now = clock.now()
    guard let slot = shards.shard(forHash: key.shardHash).state.withLock({ $0.lookup(key, now: now) }) else {
      return nil
    }
    return slot.value.cached(slot.key, now: now)
  }

  public func remove(_ name: DomainName, _ type: RRType) {
    let key = RecordCacheKey(name: name, type: type)
    shards.shard(forHash: key.shardHash).state.withLock { _ = $0.remove(key) }
  }

  /// Removes every entry at or below `name`; returns how many went.
  @discardableResult
  public func removeSubtree(_ name: DomainName) -> Int {
    shards.removeAll { key, _ in key.name.isSubdomain(of: name) }
  }

  /// Removes every type cached at exactly `name`; returns how many went.
  @discardableResult
  public func removeName(_ name: DomainName) -> Int {
    shards.removeAll { key, _ in key.name == name }
  }

  public func removeAll() {
    shards.removeAll()
  }

  /// Removes every expired entry now rather than when it is next looked up or evicted; returns how many went.
  @discardableResult
  public func removeExpired() -> Int {
    let now = clock.now()
    return shards.removeAll { _, value in !value.isLive(at: now) }
  }

  /// Entries held, including expired ones not yet noticed; O(shards).
  public var count: Int { shards.count }

  /// Every live entry with its remaining TTL, in no particular order, copied shard by shard (each lock held only
  /// while copying), so a dump can be written afterwards without holding up the resolver.
  public func snapshot() -> [CachedRRSet] {
    let now = clock.now()
    return shards.snapshot(now: now) { $0.value.cached($0.key, now: now) }
  }

  /// Puts back an entry from a snapshot (load-cache, takeover) with its remaining TTL (`rrset.ttl`, capped at
  /// the maximum), its original TTL, credibility and source. The credibility rule applies as for `store`.
  @discardableResult
  public func load(_ entry: CachedRRSet) -> Bool {
    guard Self.isCacheable(entry.rrset) else { return false }
    let remaining = min(entry.rrset.ttl, ttlBounds.maximum)
    guard remaining > 0 else { return false }
    let now = clock.now()
    let value = StoredRRSet(
      rdatas: entry.rrset.rdatas, expiresAt: now + Int64(remaining),
      originalTTL: max(remaining, min(entry.originalTTL, ttlBounds.maximum)), credibility: entry.credibility,
      source: entry.source)
    return insert(RecordCacheKey(name: entry.rrset.name, type: entry.rrset.type), value, now: now)
  }

  private func insert(_ key: RecordCacheKey, _ value: StoredRRSet, now: Int64) -> Bool {
    shards.shard(forHash: key.shardHash).state.withLock { shard in
      shard.insert(key, value, now: now) { existing in value.credibility.mayReplace(existing.credibility) }
    }
  }

  /// Whether an RRset is something the cache may hold: non-empty class IN data of one real type.
  static func isCacheable(_ rrset: RRSet) -> Bool {
    guard rrset.rrClass == .internet, !rrset.type.isMetaOrQueryType, !rrset.rdatas.isEmpty else { return false }
    return rrset.rdatas.allSatisfy { $0.type == rrset.type }
  }
}
