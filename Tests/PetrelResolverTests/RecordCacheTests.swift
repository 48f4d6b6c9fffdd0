import PetrelDNS
import PetrelResolver
import Testing

@Suite struct RecordCacheTests {
  typealias F = CacheFixture

  @Test func storedSetIsFoundWithItsData() {
    let cache = RecordCache(capacity: 100, clock: ManualClock())
    let set = F.aSet("www.example.com.", ttl: 300, addresses: [0xC000_0201, 0xC000_0202])
    #expect(cache.store(set, credibility: .authoritativeAnswer, source: F.server(1)))
    let found = cache.lookup(F.name("www.example.com."), .a)
    #expect(found?.rrset == set)
    #expect(found?.credibility == .authoritativeAnswer)
    #expect(found?.source == F.server(1))
    #expect(found?.originalTTL == 300)
    #expect(cache.lookup(F.name("www.example.com."), .aaaa) == nil)
    #expect(cache.lookup(F.name("example.com."), .a) == nil)
    #expect(cache.count == 1)
  }

  @Test func ttlCountsDownAndEntryExpiresExactlyAtExpiry() {
    let clock = ManualClock(now: 1_000)
    let cache = RecordCache(capacity: 100, clock: clock)
    cache.store(F.aSet("a.example.", ttl: 60), credibility: .nonAuthoritativeAnswer, source: nil)
    #expect(cache.lookup(F.name("a.example."), .a)?.rrset.ttl == 60)
    #expect(cache.lookup(F.name("a.example."), .a)?.expiresAt == 1_060)
    clock.advance(by: 59)
    #expect(cache.lookup(F.name("a.example."), .a)?.rrset.ttl == 1)
    clock.advance(by: 1)
    #expect(cache.lookup(F.name("a.example."), .a) == nil)
    // The expired entry was removed by the lookup that found it expired.
    #expect(cache.count == 0)
  }
}

extension RecordCacheTests {
  @Test func ttlIsClampedToTheConfiguredBounds() {
    let cache = RecordCache(capacity: 100, clock: ManualClock(), minimumTTL: 60, maximumTTL: 3_600)
    cache.store(F.aSet("short.example.", ttl: 5), credibility: .authoritativeAnswer, source: nil)
    cache.store(F.aSet("zero.example.", ttl: 0), credibility: .authoritativeAnswer, source: nil)
    cache.store(F.aSet("long.example.", ttl: 604_800), credibility: .authoritativeAnswer, source: nil)
    cache.store(F.aSet("middle.example.", ttl: 600), credibility: .authoritativeAnswer, source: nil)
    #expect(cache.lookup(F.name("short.example."), .a)?.rrset.ttl == 60)
    #expect(cache.lookup(F.name("short.example."), .a)?.originalTTL == 60)
    #expect(cache.lookup(F.name("zero.example."), .a)?.rrset.ttl == 60)
    #expect(cache.lookup(F.name("long.example."), .a)?.rrset.ttl == 3_600)
    #expect(cache.lookup(F.name("middle.example."), .a)?.rrset.ttl == 600)
  }

  @Test func minimumAboveMaximumIsLoweredToTheMaximum() {
    let cache = RecordCache(capacity: 10, clock: ManualClock(), minimumTTL: 7_200, maximumTTL: 300)
    cache.store(F.aSet("a.example.", ttl: 10), credibility: .authoritativeAnswer, source: nil)
    #expect(cache.lookup(F.name("a.example."), .a)?.rrset.ttl == 300)
  }

  @Test func removeExpiredTakesOnlyExpiredEntries() {
    let clock = ManualClock()
    let cache = RecordCache(capacity: 100, clock: clock)
    for index in 0..<10 {
      cache.store(F.aSet("n\(index).example.", ttl: UInt32(10 + index)), credibility: .additional, source: nil)
    }
    clock.advance(by: 15)
    #expect(cache.count == 10)
    #expect(cache.removeExpired() == 6)
    #expect(cache.count == 4)
    #expect(cache.lookup(F.name("n6.example."), .a)?.rrset.ttl == 1)
  }

  @Test func zeroTTLIsNotCached() {
    let cache = RecordCache(capacity: 10, clock: ManualClock())
    #expect(!cache.store(F.aSet("a.example.", ttl: 0), credibility: .authoritativeAnswer, source: nil))
    #expect(cache.lookup(F.name("a.example."), .a) == nil)
    #expect(cache.count == 0)
  }

  @Test func refusesWhatIsNotCacheableData() {
    let cache = RecordCache(capacity: 10, clock: ManualClock())
    let owner = F.name("a.example.")
    let empty = RRSet(name: owner, type: .a, ttl: 60, rdatas: [])
    let chaos = RRSet(name: owner, type: .a, rrClass: RRClass(3), ttl: 60, rdatas: [.a(IPv4Address(1))])
    let mismatched = RRSet(name: owner, type: .aaaa, ttl: 60, rdatas: [.a(IPv4Address(1))])
    let meta = RRSet(name: owner, type: .any, ttl: 60, rdatas: [.unknown(RData.Unknown(type: .any, data: []))])
    for set in [empty, chaos, mismatched, meta] {
      #expect(!cache.store(set, credibility: .authoritativeAnswer, source: nil))
    }
    #expect(cache.count == 0)
  }

  /// RFC 2181 §5.4.1: a live entry is replaced by data of equal or higher rank only.
  @Test(arguments: Credibility.allCases, Credibility.allCases)
  func credibilityDecidesWhetherLiveDataIsReplaced(cached: Credibility, incoming: Credibility) {
    let cache = RecordCache(capacity: 10, clock: ManualClock())
    cache.store(F.aSet("a.example.", ttl: 300, addresses: [1]), credibility: cached, source: F.server(1))
    let stored = cache.store(F.aSet("a.example.", ttl: 600, addresses: [2]), credibility: incoming, source: F.server(2))
    #expect(stored == (incoming >= cached))
    let found = cache.lookup(F.name("a.example."), .a)
    #expect(found?.credibility == max(cached, incoming))
    #expect(found?.rrset.rdatas == [.a(IPv4Address(stored ? 2 : 1))])
    #expect(found?.source == F.server(stored ? 2 : 1))
    #expect(found?.rrset.ttl == (stored ? 600 : 300))
    #expect(cache.count == 1)
  }

  @Test(arguments: Credibility.allCases, Credibility.allCases)
  func expiredDataIsReplacedWhateverItsRank(cached: Credibility, incoming: Credibility) {
    let clock = ManualClock()
    let cache = RecordCache(capacity: 10, clock: clock)
    cache.store(F.aSet("a.example.", ttl: 30, addresses: [1]), credibility: cached, source: nil)
    clock.advance(by: 30)
    #expect(cache.store(F.aSet("a.example.", ttl: 60, addresses: [2]), credibility: incoming, source: nil))
    let found = cache.lookup(F.name("a.example."), .a)
    #expect(found?.credibility == incoming)
    #expect(found?.rrset.rdatas == [.a(IPv4Address(2))])
    #expect(found?.rrset.ttl == 60)
  }

  @Test func credibilityOrderIsRFC2181s() {
    #expect(
      Credibility.allCases == [
        .hint, .additional, .nonAuthoritativeAnswer, .authoritativeAuthority, .authoritativeAnswer,
      ])
    #expect(Credibility.allCases.sorted() == Credibility.allCases)
    for rank in Credibility.allCases {
      #expect(Credibility(description: rank.description) == rank)
    }
  }

  @Test func namesAreMatchedIgnoringCase() {
    let cache = RecordCache(capacity: 10, clock: ManualClock())
    cache.store(F.aSet("WWW.Example.COM.", ttl: 300, addresses: [1]), credibility: .authoritativeAnswer, source: nil)
    #expect(cache.lookup(F.name("www.example.com."), .a)?.rrset.rdatas == [.a(IPv4Address(1))])
    #expect(cache.lookup(F.name("wWw.eXample.cOm."), .a) != nil)
    // The same key: a weaker store under another spelling is refused, a stronger one replaces.
    #expect(!cache.store(F.aSet("www.example.com.", ttl: 300, addresses: [2]), credibility: .additional, source: nil))
    #expect(
      cache.store(F.aSet("www.EXAMPLE.com.", ttl: 300, addresses: [3]), credibility: .authoritativeAnswer, source: nil))
    #expect(cache.lookup(F.name("WWW.EXAMPLE.COM."), .a)?.rrset.rdatas == [.a(IPv4Address(3))])
    #expect(cache.count == 1)
    cache.remove(F.name("www.example.COM."), .a)
    #expect(cache.count == 0)
  }

  @Test func removeTakesOneNameAndType() {
    let cache = RecordCache(capacity: 10, clock: ManualClock())
    cache.store(F.aSet("a.example.", ttl: 300), credibility: .authoritativeAnswer, source: nil)
    cache.store(
      RRSet(name: F.name("a.example."), type: .txt, ttl: 300, rdatas: [.txt(RData.TXT(["a"])!)]),
      credibility: .authoritativeAnswer, source: nil)
    cache.remove(F.name("a.example."), .a)
    #expect(cache.lookup(F.name("a.example."), .a) == nil)
    #expect(cache.lookup(F.name("a.example."), .txt) != nil)
    cache.remove(F.name("absent.example."), .a)
    #expect(cache.count == 1)
  }

  @Test func removeSubtreeAndRemoveNameTakeExactlyTheirEntries() {
    let cache = RecordCache(capacity: 100, clock: ManualClock())
    let owners = [
      "a.example.com.", "b.a.example.com.", "c.b.a.example.com.", "example.com.", "aa.example.com.",
      "a.example.org.",
    ]
    for owner in owners {
      cache.store(F.aSet(owner, ttl: 300), credibility: .authoritativeAnswer, source: nil)
    }
    cache.store(
      RRSet(name: F.name("A.example.com."), type: .aaaa, ttl: 300, rdatas: [.aaaa(IPv6Address(high: 0, low: 1))]),
      credibility: .authoritativeAnswer, source: nil)
    #expect(cache.count == 7)
    #expect(cache.removeSubtree(F.name("a.EXAMPLE.com.")) == 4)
    #expect(cache.lookup(F.name("aa.example.com."), .a) != nil)
    #expect(cache.lookup(F.name("example.com."), .a) != nil)
    #expect(cache.lookup(F.name("b.a.example.com."), .a) == nil)
    #expect(cache.count == 3)

    cache.store(F.aSet("www.example.com.", ttl: 300), credibility: .authoritativeAnswer, source: nil)
    #expect(cache.removeName(F.name("example.com.")) == 1)
    #expect(cache.lookup(F.name("www.example.com."), .a) != nil)
    #expect(cache.lookup(F.name("aa.example.com."), .a) != nil)
    #expect(cache.removeSubtree(.root) == 3)
    #expect(cache.count == 0)
  }

  @Test func removeAllEmptiesEveryShard() {
    let cache = RecordCache(capacity: 1_000, shardCount: 8, clock: ManualClock())
    for index in 0..<200 {
      cache.store(F.aSet("n\(index).example.", ttl: 300), credibility: .additional, source: nil)
    }
    #expect(cache.count == 200)
    cache.removeAll()
    #expect(cache.count == 0)
    #expect(cache.lookup(F.name("n1.example."), .a) == nil)
    #expect(cache.store(F.aSet("n1.example.", ttl: 300), credibility: .additional, source: nil))
  }
}

extension RecordCacheTests {
  @Test func neverHoldsMoreThanItsCapacity() {
    let cache = RecordCache(capacity: 1_000, shardCount: 8, clock: ManualClock())
    for index in 0..<10_000 {
      #expect(cache.store(F.aSet("n\(index).example.", ttl: 300), credibility: .additional, source: nil))
      if index % 100 == 0 { #expect(cache.count <= 1_000) }
    }
    #expect(cache.count <= 1_000)
    // Every shard filled up, so the whole is close to its capacity.
    #expect(cache.count > 900)
    #expect(cache.snapshot().count == cache.count)
    #expect(cache.lookup(F.name("n9999.example."), .a) != nil)
  }

  @Test func recentlyUsedEntriesSurviveEvictionOverUnusedOnes() {
    let cache = RecordCache(capacity: 10, shardCount: 1, clock: ManualClock())
    for index in 0..<10 {
      cache.store(F.aSet("old\(index).example.", ttl: 300), credibility: .additional, source: nil)
    }
    for index in 0..<5 {
      #expect(cache.lookup(F.name("old\(index).example."), .a) != nil)
    }
    for index in 0..<5 {
      cache.store(F.aSet("new\(index).example.", ttl: 300), credibility: .additional, source: nil)
    }
    #expect(cache.count == 10)
    for index in 0..<5 {
      #expect(cache.lookup(F.name("old\(index).example."), .a) != nil, "used entry \(index) was evicted")
      #expect(cache.lookup(F.name("new\(index).example."), .a) != nil)
    }
    for index in 5..<10 {
      #expect(cache.lookup(F.name("old\(index).example."), .a) == nil, "unused entry \(index) survived")
    }
  }

  @Test func evictionWorksWhenEveryEntryWasUsedAndWithASingleSlot() {
    let cache = RecordCache(capacity: 4, shardCount: 1, clock: ManualClock())
    for index in 0..<4 {
      cache.store(F.aSet("n\(index).example.", ttl: 300), credibility: .additional, source: nil)
      _ = cache.lookup(F.name("n\(index).example."), .a)
    }
    #expect(cache.store(F.aSet("new.example.", ttl: 300), credibility: .additional, source: nil))
    #expect(cache.count == 4)
    #expect(cache.lookup(F.name("new.example."), .a) != nil)
    // Every one had its second chance, so the hand took the first it passed again.
    #expect(cache.lookup(F.name("n0.example."), .a) == nil)

    let single = RecordCache(capacity: 1, clock: ManualClock())
    single.store(F.aSet("a.example.", ttl: 300), credibility: .additional, source: nil)
    _ = single.lookup(F.name("a.example."), .a)
    #expect(single.store(F.aSet("b.example.", ttl: 300), credibility: .additional, source: nil))
    #expect(single.count == 1)
    #expect(single.lookup(F.name("b.example."), .a) != nil)
  }

  @Test func replacingAnEntryInAFullCacheEvictsNothing() {
    let cache = RecordCache(capacity: 3, shardCount: 1, clock: ManualClock())
    for index in 0..<3 {
      cache.store(F.aSet("n\(index).example.", ttl: 300), credibility: .additional, source: nil)
    }
    #expect(
      cache.store(F.aSet("n1.example.", ttl: 600, addresses: [7]), credibility: .authoritativeAnswer, source: nil))
    #expect(cache.count == 3)
    for index in 0..<3 {
      #expect(cache.lookup(F.name("n\(index).example."), .a) != nil)
    }
  }

  @Test func expiredEntriesAreEvictedFirst() {
    let clock = ManualClock()
    let cache = RecordCache(capacity: 4, shardCount: 1, clock: clock)
    cache.store(F.aSet("a.example.", ttl: 300), credibility: .additional, source: nil)
    cache.store(F.aSet("b.example.", ttl: 300), credibility: .additional, source: nil)
    cache.store(F.aSet("c.example.", ttl: 10), credibility: .additional, source: nil)
    cache.store(F.aSet("d.example.", ttl: 300), credibility: .additional, source: nil)
    clock.advance(by: 10)
    cache.store(F.aSet("e.example.", ttl: 300), credibility: .additional, source: nil)
    #expect(cache.count == 4)
    for owner in ["a.example.", "b.example.", "d.example.", "e.example."] {
      #expect(cache.lookup(F.name(owner), .a) != nil, "\(owner) was evicted")
    }
  }

  @Test func zeroCapacityCachesNothing() {
    let cache = RecordCache(capacity: 0, clock: ManualClock())
    #expect(!cache.store(F.aSet("a.example.", ttl: 300), credibility: .authoritativeAnswer, source: nil))
    #expect(cache.lookup(F.name("a.example."), .a) == nil)
    #expect(cache.count == 0)
  }

  @Test func snapshotAndLoadPreserveRemainingTTLCredibilityAndSource() {
    let clock = ManualClock(now: 50_000)
    let original = RecordCache(capacity: 100, clock: clock)
    original.store(F.aSet("a.example.", ttl: 300), credibility: .authoritativeAnswer, source: F.server(1))
    original.store(F.aSet("b.example.", ttl: 900, addresses: [1, 2, 3]), credibility: .additional, source: nil)
    original.store(
      RRSet(name: F.name("example."), type: .ns, ttl: 3_600, rdatas: [.ns(F.name("ns1.example."))]),
      credibility: .authoritativeAuthority, source: F.server(2))
    original.store(F.aSet("gone.example.", ttl: 20), credibility: .hint, source: nil)
    clock.advance(by: 100)

    let dump = original.snapshot()
    #expect(dump.count == 3)
    #expect(dump.first { $0.rrset.name == F.name("a.example.") }?.rrset.ttl == 200)
    #expect(dump.first { $0.rrset.name == F.name("b.example.") }?.originalTTL == 900)

    let restored = RecordCache(capacity: 100, clock: clock)
    for entry in dump { #expect(restored.load(entry)) }
    let key = { (entry: CachedRRSet) in "\(entry.rrset.name) \(entry.rrset.type)" }
    #expect(restored.snapshot().sorted { key($0) < key($1) } == dump.sorted { key($0) < key($1) })
    let a = restored.lookup(F.name("a.example."), .a)
    #expect(a?.rrset.ttl == 200)
    #expect(a?.originalTTL == 300)
    #expect(a?.credibility == .authoritativeAnswer)
    #expect(a?.source == F.server(1))
    #expect(restored.lookup(F.name("example."), .ns)?.credibility == .authoritativeAuthority)
  }

  @Test func loadRefusesExpiredEntriesAndRespectsCredibility() {
    let clock = ManualClock()
    let cache = RecordCache(capacity: 10, clock: clock, maximumTTL: 1_000)
    let expired = CachedRRSet(
      rrset: F.aSet("a.example.", ttl: 0), credibility: .authoritativeAnswer, originalTTL: 300, source: nil,
      expiresAt: clock.now())
    #expect(!cache.load(expired))
    cache.store(F.aSet("b.example.", ttl: 300), credibility: .authoritativeAnswer, source: nil)
    let weaker = CachedRRSet(
      rrset: F.aSet("b.example.", ttl: 100, addresses: [9]), credibility: .additional, originalTTL: 100,
      source: nil, expiresAt: clock.now() + 100)
    #expect(!cache.load(weaker))
    let tooLong = CachedRRSet(
      rrset: F.aSet("c.example.", ttl: 50_000), credibility: .additional, originalTTL: 90_000, source: nil,
      expiresAt: clock.now() + 50_000)
    #expect(cache.load(tooLong))
    #expect(cache.lookup(F.name("c.example."), .a)?.rrset.ttl == 1_000)
    #expect(cache.lookup(F.name("c.example."), .a)?.originalTTL == 1_000)
  }
}
