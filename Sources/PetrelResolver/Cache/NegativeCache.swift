public import PetrelDNS

/// The negative cache: NXDOMAIN and NODATA answers, each with the SOA that bounds it (RFC 2308).
///
/// It exists so that repeated questions for missing names and types are answered locally for as long as the
/// zone allows. An NXDOMAIN denial covers every type of its name; a NODATA denial only its type. Sharded by
/// name, so that both kinds for one name share a shard and a lookup takes one lock.
public final class NegativeCache: Sendable {
  private let shards: ShardedCache<NegativeCacheKey, StoredDenial>
  private let clock: any ResolverClock
  private let maximumTTL: UInt32

  /// - Parameters:
  ///   - capacity: the most denials held at once; 0 disables negative caching.
  ///   - maximumTTL: no denial is kept longer than this (Unbound's `cache-max-negative-ttl`).
  public init(capacity: Int, shardCount: Int = 16, clock: any ResolverClock, maximumTTL: UInt32 = 3_600) {
    shards = ShardedCache(capacity: capacity, shardCount: shardCount)
    self.clock = clock
    self.maximumTTL = maximumTTL
  }

  /// Caches a denial for min(SOA TTL, SOA MINIMUM, maximum TTL) seconds (RFC 2308 §5).
  ///
  /// For `.nxDomain` the type is ignored: the denial covers every type of `name`. A NODATA denial proves the
  /// name exists, so it also removes an NXDOMAIN cached for the name. Returns false, storing nothing, when `soa`
  /// is not a SOA record, the type is a meta type, or the TTL comes to 0.
  @discardableResult
  public func store(
    name: DomainName, type: RRType, kind: NegativeKind, soa: ResourceRecord, source: UpstreamServer?
  ) -> Bool {
    guard let ttl = NegativeTTL.ttl(soa: soa, maximum: maximumTTL), ttl > 0 else { return false }
    let key = NegativeCacheKey(name: name, type: kind == .nxDomain ? nil : type)
    return insert(key, soa: soa, ttl: ttl, source: source)
  }

  /// The live denial that answers `type` at `name`: an NXDOMAIN for the name, else a NODATA for the type.
  public func lookup(_ name: DomainName, _ type: RRType) -> NegativeEntry? {
    let now = clock.now()
    let nxDomain = NegativeCacheKey(name: name, type: nil)
    let noData = NegativeCacheKey(sameNameAs: nxDomain, type: type)
    let slot = shard(for: nxDomain).state.withLock { shard in
      shard.lookup(nxDomain, now: now) ?? shard.lookup(noData, now: now)
    }
    guard let slot else { return nil }
    return slot.value.entry(slot.key, now: now)
  }

  /// Removes what `lookup(name, type)` would find: the NODATA for the type and an NXDOMAIN for the name.
  public func remove(_ name: DomainName, _ type: RRType) {
    let nxDomain = NegativeCacheKey(name: name, type: nil)
    shard(for: nxDomain).state.withLock { shard in
      shard.remove(nxDomain)
      shard.remove(NegativeCacheKey(sameNameAs: nxDomain, type: type))
    }
  }

  /// Removes every denial at or below `name`; returns how many went.
  @discardableResult
  public func removeSubtree(_ name: DomainName) -> Int {
    shards.removeAll { key, _ in key.name.isSubdomain(of: name) }
  }

  /// Removes every denial at exactly `name`; returns how many went.
  @discardableResult
  public func removeName(_ name: DomainName) -> Int {
    shard(for: NegativeCacheKey(name: name, type: nil)).state.withLock { shard in
      shard.removeAll { key, _ in key.name == name }
    }
  }

  public func removeAll() {
    shards.removeAll()
  }

  /// Removes every expired denial now rather than when it is next looked up or evicted; returns how many went.
  @discardableResult
  public func removeExpired() -> Int {
    let now = clock.now()
    return shards.removeAll { _, value in !value.isLive(at: now) }
  }

  /// Denials held, including expired ones not yet noticed; O(shards).
  public var count: Int { shards.count }

  /// Every live denial with its remaining TTL, in no particular order, copied shard by shard.
  public func snapshot() -> [NegativeEntry] {
    let now = clock.now()
    return shards.snapshot(now: now) { $0.value.entry($0.key, now: now) }
  }

  /// Puts back a denial from a snapshot with its remaining TTL (`soa.ttl`, capped at the maximum) and source.
  /// Returns false for an entry that could not have been stored: no SOA, a NODATA without a type, TTL 0.
  @discardableResult
  public func load(_ entry: NegativeEntry) -> Bool {
    guard case .soa = entry.soa.rdata else { return false }
    let key: NegativeCacheKey
    switch entry.kind {
    case .nxDomain: key = NegativeCacheKey(name: entry.name, type: nil)
    case .noData:
      guard let type = entry.type else { return false }
      key = NegativeCacheKey(name: entry.name, type: type)
    }
    let ttl = min(entry.soa.ttl, maximumTTL)
    guard ttl > 0 else { return false }
    return insert(key, soa: entry.soa, ttl: ttl, source: entry.source)
  }

  private func insert(_ key: NegativeCacheKey, soa: ResourceRecord, ttl: UInt32, source: UpstreamServer?) -> Bool {
    if let type = key.type, type.isMetaOrQueryType { return false }
    let now = clock.now()
    let value = StoredDenial(soa: soa, expiresAt: now + Int64(ttl), source: source)
    return shard(for: key).state.withLock { shard in
      if key.type != nil { shard.remove(NegativeCacheKey(sameNameAs: key, type: nil)) }
      return shard.insert(key, value, now: now) { _ in true }
    }
  }

  /// The shard of every denial for the key's name.
  private func shard(for key: NegativeCacheKey) -> ShardedCache<NegativeCacheKey, StoredDenial>.Shard {
    shards.shard(forHash: Int(key.nameHash))
  }
}
