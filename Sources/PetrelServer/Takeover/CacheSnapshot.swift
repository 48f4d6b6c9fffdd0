public import PetrelResolver

/// The resolver's record and negative caches at one moment, as a takeover carries them from the running
/// daemon to the new one, so that the new daemon answers from a warm cache at once instead of asking every
/// name upstream again.
///
/// TTLs are the remaining lifetimes at ``takenAt``; ``load(into:now:)`` counts down the time that has passed
/// since, so an entry never lives longer in the new daemon than it would have in the old one.
public struct CacheSnapshot: Sendable, Equatable {
  /// When the snapshot was taken, in the resolver clock's seconds (the wall clock in the daemon).
  public var takenAt: Int64
  public var records: [CachedRRSet]
  public var denials: [NegativeEntry]

  public init(takenAt: Int64, records: [CachedRRSet], denials: [NegativeEntry]) {
    self.takenAt = takenAt
    self.records = records
    self.denials = denials
  }

  /// Every live record and denial of `caches` now. Each shard is copied under its own lock, briefly.
  public static func take(from caches: ResolverCaches, clock: any ResolverClock) -> CacheSnapshot {
    CacheSnapshot(takenAt: clock.now(), records: caches.records.snapshot(), denials: caches.negative.snapshot())
  }

  /// How many entries went into the caches, and how many were left out (expired meanwhile, or refused by
  /// the cache's own rules).
  public struct LoadResult: Sendable, Equatable {
    public var records: Int
    public var denials: Int
    public var skipped: Int

    public init(records: Int = 0, denials: Int = 0, skipped: Int = 0) {
      self.records = records
      self.denials = denials
      self.skipped = skipped
    }
  }

  /// Puts every entry into `caches`, with `now - takenAt` taken off its remaining TTL; entries whose time has
  /// run out are skipped. A snapshot from the future (a clock set back in between) is loaded as if taken now.
  @discardableResult
  public func load(into caches: ResolverCaches, now: Int64) -> LoadResult {
    let elapsed = UInt32(clamping: max(0, now - takenAt))
    var result = LoadResult()
    for var entry in records {
      guard entry.rrset.ttl > elapsed else {
        result.skipped += 1
        continue
      }
      entry.rrset.ttl -= elapsed
      if caches.records.load(entry) { result.records += 1 } else { result.skipped += 1 }
    }
    for var denial in denials {
      guard denial.soa.ttl > elapsed else {
        result.skipped += 1
        continue
      }
      denial.soa.ttl -= elapsed
      if caches.negative.load(denial) { result.denials += 1 } else { result.skipped += 1 }
    }
    return result
  }
}
