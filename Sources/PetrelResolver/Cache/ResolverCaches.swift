public import PetrelDNS

/// The three caches together, as the resolver and the control commands see them.
///
/// One value so that the resolver, `flush` and the dump commands, and takeover all reach the same caches, sized
/// and bounded from one configuration.
public struct ResolverCaches: Sendable {
  public let records: RecordCache
  public let negative: NegativeCache
  public let nameservers: NameserverCache

  public init(configuration: ResolverConfiguration, clock: any ResolverClock) {
    records = RecordCache(
      capacity: configuration.recordCacheSize, clock: clock, minimumTTL: configuration.minimumTTL,
      maximumTTL: configuration.maximumTTL)
    negative = NegativeCache(
      capacity: configuration.negativeCacheSize, clock: clock, maximumTTL: configuration.maximumNegativeTTL)
    nameservers = NameserverCache(capacity: configuration.nameserverCacheSize, clock: clock)
  }

  /// Caches built elsewhere, for tests and scenario replays that need particular sizes or policies.
  public init(records: RecordCache, negative: NegativeCache, nameservers: NameserverCache) {
    self.records = records
    self.negative = negative
    self.nameservers = nameservers
  }

  /// Every record and denial at or below `name` removed (`flush zone`); returns how many went.
  @discardableResult
  public func flushSubtree(_ name: DomainName) -> Int {
    records.removeSubtree(name) + negative.removeSubtree(name)
  }
}
