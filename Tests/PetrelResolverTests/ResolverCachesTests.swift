import PetrelDNS
import PetrelResolver
import Testing

@Suite struct ResolverCachesTests {
  typealias F = CacheFixture

  @Test func configurationSetsBoundsOfEveryCache() {
    var configuration = ResolverConfiguration()
    configuration.recordCacheSize = 64
    configuration.negativeCacheSize = 64
    configuration.nameserverCacheSize = 64
    configuration.minimumTTL = 30
    configuration.maximumTTL = 600
    configuration.maximumNegativeTTL = 120
    let caches = ResolverCaches(configuration: configuration, clock: ManualClock())

    caches.records.store(F.aSet("short.example.", ttl: 1), credibility: .authoritativeAnswer, source: nil)
    caches.records.store(F.aSet("long.example.", ttl: 86_400), credibility: .authoritativeAnswer, source: nil)
    #expect(caches.records.lookup(F.name("short.example."), .a)?.rrset.ttl == 30)
    #expect(caches.records.lookup(F.name("long.example."), .a)?.rrset.ttl == 600)
    caches.negative.store(
      name: F.name("gone.example."), type: .a, kind: .nxDomain, soa: F.soa(zone: "example.", ttl: 900, minimum: 900),
      source: nil)
    #expect(caches.negative.lookup(F.name("gone.example."), .a)?.soa.ttl == 120)

    for index in 0..<640 {
      caches.records.store(F.aSet("n\(index).example.", ttl: 300), credibility: .additional, source: nil)
      caches.nameservers.recordTimeout(for: UpstreamServer(address: .v4(IPv4Address(UInt32(index)))))
    }
    #expect(caches.records.count <= 64)
    #expect(caches.nameservers.count <= 64)
  }

  @Test func flushSubtreeEmptiesBothRecordAndNegativeCaches() {
    let caches = ResolverCaches(configuration: ResolverConfiguration(), clock: ManualClock())
    let soa = F.soa(zone: "example.", ttl: 300, minimum: 300)
    caches.records.store(F.aSet("www.example.", ttl: 300), credibility: .authoritativeAnswer, source: nil)
    caches.records.store(F.aSet("www.example.net.", ttl: 300), credibility: .authoritativeAnswer, source: nil)
    caches.negative.store(name: F.name("gone.example."), type: .a, kind: .nxDomain, soa: soa, source: nil)
    #expect(caches.flushSubtree(F.name("example.")) == 2)
    #expect(caches.records.count == 1)
    #expect(caches.negative.count == 0)
  }
}
