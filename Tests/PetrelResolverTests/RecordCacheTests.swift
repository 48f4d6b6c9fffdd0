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
