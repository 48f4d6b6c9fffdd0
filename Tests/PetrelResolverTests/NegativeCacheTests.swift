import PetrelDNS
import PetrelResolver
import Testing

@Suite struct NegativeCacheTests {
  typealias F = CacheFixture

  @Test func nxDomainCoversEveryTypeOfTheNameOnly() {
    let cache = NegativeCache(capacity: 100, clock: ManualClock())
    let soa = F.soa(zone: "example.", ttl: 3_600, minimum: 300)
    #expect(cache.store(name: F.name("gone.example."), type: .a, kind: .nxDomain, soa: soa, source: F.server(1)))
    for type in [RRType.a, .aaaa, .mx, .txt, .ns, RRType(65_000)] {
      let entry = cache.lookup(F.name("gone.example."), type)
      #expect(entry?.kind == .nxDomain)
      #expect(entry?.type == nil)
      #expect(entry?.name == F.name("gone.example."))
      #expect(entry?.source == F.server(1))
    }
    #expect(cache.lookup(F.name("below.gone.example."), .a) == nil)
    #expect(cache.lookup(F.name("example."), .a) == nil)
    #expect(cache.count == 1)
  }

  @Test func noDataCoversOnlyItsType() {
    let cache = NegativeCache(capacity: 100, clock: ManualClock())
    let soa = F.soa(zone: "example.", ttl: 3_600, minimum: 300)
    #expect(cache.store(name: F.name("www.example."), type: .aaaa, kind: .noData, soa: soa, source: nil))
    let entry = cache.lookup(F.name("www.example."), .aaaa)
    #expect(entry?.kind == .noData)
    #expect(entry?.type == .aaaa)
    #expect(entry?.soa.name == F.name("example."))
    #expect(cache.lookup(F.name("www.example."), .a) == nil)
    #expect(cache.lookup(F.name("www.example."), .mx) == nil)
  }

  /// RFC 2308 §5: the lesser of the SOA's TTL and its MINIMUM, and never more than the configured maximum.
  @Test(arguments: [
    (UInt32(3_600), UInt32(300), UInt32(300)), (30, 600, 30), (86_400, 86_400, 1_800), (900, 900, 900),
    (1_800, 1_801, 1_800),
  ])
  func ttlIsTheLeastOfSOATTLMinimumAndMaximum(soaTTL: UInt32, minimum: UInt32, expected: UInt32) {
    let cache = NegativeCache(capacity: 10, clock: ManualClock(), maximumTTL: 1_800)
    let soa = F.soa(zone: "example.", ttl: soaTTL, minimum: minimum)
    cache.store(name: F.name("x.example."), type: .a, kind: .nxDomain, soa: soa, source: nil)
    cache.store(name: F.name("y.example."), type: .a, kind: .noData, soa: soa, source: nil)
    #expect(cache.lookup(F.name("x.example."), .a)?.soa.ttl == expected)
    #expect(cache.lookup(F.name("y.example."), .a)?.soa.ttl == expected)
  }

  @Test func soaTTLCountsDownAndTheDenialExpiresExactlyAtExpiry() {
    let clock = ManualClock(now: 10_000)
    let cache = NegativeCache(capacity: 10, clock: clock)
    let soa = F.soa(zone: "example.", ttl: 3_600, minimum: 120)
    cache.store(name: F.name("x.example."), type: .a, kind: .nxDomain, soa: soa, source: nil)
    #expect(cache.lookup(F.name("x.example."), .a)?.expiresAt == 10_120)
    clock.advance(by: 119)
    #expect(cache.lookup(F.name("x.example."), .a)?.soa.ttl == 1)
    clock.advance(by: 1)
    #expect(cache.lookup(F.name("x.example."), .a) == nil)
    #expect(cache.count == 0)
  }

  @Test func removeExpiredTakesOnlyExpiredDenials() {
    let clock = ManualClock()
    let cache = NegativeCache(capacity: 100, clock: clock)
    cache.store(
      name: F.name("a.example."), type: .a, kind: .nxDomain, soa: F.soa(zone: "example.", ttl: 60, minimum: 60),
      source: nil)
    cache.store(
      name: F.name("b.example."), type: .a, kind: .noData, soa: F.soa(zone: "example.", ttl: 600, minimum: 600),
      source: nil)
    clock.advance(by: 60)
    #expect(cache.removeExpired() == 1)
    #expect(cache.count == 1)
    #expect(cache.lookup(F.name("b.example."), .a) != nil)
  }

  @Test func refusesWhatProvesNothing() {
    let cache = NegativeCache(capacity: 10, clock: ManualClock())
    let notSOA = ResourceRecord(name: F.name("example."), ttl: 300, rdata: .ns(F.name("ns.example.")))
    #expect(!cache.store(name: F.name("x.example."), type: .a, kind: .nxDomain, soa: notSOA, source: nil))
    let zero = F.soa(zone: "example.", ttl: 300, minimum: 0)
    #expect(!cache.store(name: F.name("x.example."), type: .a, kind: .noData, soa: zero, source: nil))
    let soa = F.soa(zone: "example.", ttl: 300, minimum: 300)
    #expect(!cache.store(name: F.name("x.example."), type: .any, kind: .noData, soa: soa, source: nil))
    #expect(cache.count == 0)
  }

  @Test func noDataReplacesAnNXDomainForTheName() {
    let cache = NegativeCache(capacity: 10, clock: ManualClock())
    let soa = F.soa(zone: "example.", ttl: 300, minimum: 300)
    cache.store(name: F.name("x.example."), type: .a, kind: .nxDomain, soa: soa, source: nil)
    cache.store(name: F.name("x.example."), type: .mx, kind: .noData, soa: soa, source: nil)
    #expect(cache.lookup(F.name("x.example."), .a) == nil)
    #expect(cache.lookup(F.name("x.example."), .mx)?.kind == .noData)
    #expect(cache.count == 1)
    // A later NXDOMAIN wins over the NODATA it makes stale.
    cache.store(name: F.name("x.example."), type: .a, kind: .nxDomain, soa: soa, source: nil)
    #expect(cache.lookup(F.name("x.example."), .mx)?.kind == .nxDomain)
  }

  @Test func namesAreMatchedIgnoringCase() {
    let cache = NegativeCache(capacity: 10, clock: ManualClock())
    let soa = F.soa(zone: "example.", ttl: 300, minimum: 300)
    cache.store(name: F.name("Gone.EXAMPLE."), type: .a, kind: .nxDomain, soa: soa, source: nil)
    cache.store(name: F.name("WWW.example."), type: .aaaa, kind: .noData, soa: soa, source: nil)
    #expect(cache.lookup(F.name("gone.example."), .txt)?.kind == .nxDomain)
    #expect(cache.lookup(F.name("www.EXAMPLE."), .aaaa)?.kind == .noData)
  }

  @Test func removalFamily() {
    let cache = NegativeCache(capacity: 100, clock: ManualClock())
    let soa = F.soa(zone: "example.", ttl: 300, minimum: 300)
    cache.store(name: F.name("a.example."), type: .a, kind: .nxDomain, soa: soa, source: nil)
    cache.store(name: F.name("b.a.example."), type: .a, kind: .nxDomain, soa: soa, source: nil)
    cache.store(name: F.name("www.example."), type: .aaaa, kind: .noData, soa: soa, source: nil)
    cache.store(name: F.name("www.example."), type: .mx, kind: .noData, soa: soa, source: nil)
    cache.store(name: F.name("ba.example."), type: .a, kind: .nxDomain, soa: soa, source: nil)
    #expect(cache.count == 5)

    cache.remove(F.name("www.example."), .mx)
    #expect(cache.lookup(F.name("www.example."), .mx) == nil)
    #expect(cache.lookup(F.name("www.example."), .aaaa) != nil)
    cache.remove(F.name("a.example."), .txt)
    #expect(cache.lookup(F.name("a.example."), .a) == nil)

    #expect(cache.removeName(F.name("WWW.example.")) == 1)
    #expect(cache.removeSubtree(F.name("a.example.")) == 1)
    #expect(cache.lookup(F.name("ba.example."), .a) != nil)
    #expect(cache.count == 1)
    cache.removeAll()
    #expect(cache.count == 0)
  }

  @Test func neverHoldsMoreThanItsCapacity() {
    let cache = NegativeCache(capacity: 50, shardCount: 4, clock: ManualClock())
    let soa = F.soa(zone: "example.", ttl: 300, minimum: 300)
    for index in 0..<500 {
      cache.store(name: F.name("n\(index).example."), type: .a, kind: .noData, soa: soa, source: nil)
      #expect(cache.count <= 50)
    }
    #expect(cache.lookup(F.name("n499.example."), .a) != nil)
  }

  @Test func snapshotAndLoadPreserveRemainingTTLKindAndSource() {
    let clock = ManualClock()
    let original = NegativeCache(capacity: 100, clock: clock)
    original.store(
      name: F.name("gone.example."), type: .a, kind: .nxDomain, soa: F.soa(zone: "example.", ttl: 900, minimum: 600),
      source: F.server(7))
    original.store(
      name: F.name("www.example."), type: .aaaa, kind: .noData, soa: F.soa(zone: "example.", ttl: 300, minimum: 900),
      source: nil)
    clock.advance(by: 60)
    let dump = original.snapshot()
    #expect(dump.count == 2)

    let restored = NegativeCache(capacity: 100, clock: clock)
    for entry in dump { #expect(restored.load(entry)) }
    let gone = restored.lookup(F.name("gone.example."), .mx)
    #expect(gone?.kind == .nxDomain)
    #expect(gone?.soa.ttl == 540)
    #expect(gone?.source == F.server(7))
    #expect(restored.lookup(F.name("www.example."), .aaaa)?.soa.ttl == 240)
    let key = { (entry: NegativeEntry) in entry.name.description }
    #expect(restored.snapshot().sorted { key($0) < key($1) } == dump.sorted { key($0) < key($1) })

    var malformed = dump[0]
    malformed.kind = .noData
    malformed.type = nil
    #expect(!restored.load(malformed))
  }
}
