import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct CacheAndResultTests {
  @Test func aCachedAnswerIsServedWithoutAQueryAndItsTTLCountsDown() async {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("www.example.com."))
    internet.network.clearLog()
    internet.clock.advance(by: 100)

    let result = await resolver.resolve(question("www.example.com."))

    #expect(internet.lines.isEmpty)
    #expect(result.answerLines == ["www.example.com. 200 A 192.0.2.80"])
    #expect(result.authorities.isEmpty)
  }

  @Test func aCachedCNAMEIsFollowedAndOnlyTheMissingPartAsked() async {
    let internet = TestInternet.withExample("alias 900 CNAME www")
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("alias.example.com."))
    resolver.caches.records.remove(name("www.example.com."), .a)
    internet.network.clearLog()

    let result = await resolver.resolve(question("alias.example.com."))

    #expect(
      result.answerLines == ["alias.example.com. 900 CNAME www.example.com.", "www.example.com. 300 A 192.0.2.80"])
    #expect(internet.lines == ["192.0.2.1 www.example.com. A"])
  }

  @Test func theResultIsMinimalTheChainThenTheFinalRRset() async {
    let internet = TestInternet.withExample("alias 900 CNAME www")
    let result = await internet.resolver().resolve(question("alias.example.com."))
    #expect(result.answers.map(\.type) == [.cname, .a])
    #expect(result.authorities.isEmpty)
    #expect(result.extendedError == nil)
  }

  @Test func theOwnerKeepsTheSpellingOfTheData() async {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver()
    let first = await resolver.resolve(question("WWW.Example.COM."))
    #expect(first.answers.map(\.name.description) == ["WWW.Example.COM."])

    let second = await resolver.resolve(question("www.example.com."))
    #expect(second.answers.map(\.name.description) == ["WWW.Example.COM."])
  }

  @Test func ttlsAreBoundedAsTheCacheBoundsThem() async {
    let internet = TestInternet.withExample("long 999999 A 192.0.2.99")
    let resolver = internet.resolver {
      $0.minimumTTL = 600
      $0.maximumTTL = 7200
    }
    #expect(await resolver.resolve(question("long.example.com.")).answers.map(\.ttl) == [7200])
    #expect(await resolver.resolve(question("www.example.com.")).answers.map(\.ttl) == [600])
  }

  @Test func bypassingTheCacheAsksAgainFromTheRoot() async {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("www.example.com."))
    internet.network.clearLog()

    let result = await resolver.resolve(question("www.example.com."), options: ResolutionOptions(bypassCache: true))

    #expect(result.answers.count == 1)
    #expect(
      internet.lines == [
        "198.41.0.4 com. A",
        "192.5.6.30 example.com. A",
        "192.0.2.1 www.example.com. A",
      ])
  }

  @Test func resolutionsRunConcurrently() async {
    let internet = TestInternet.withExample((1...20).map { "h\($0) A 192.0.2.\($0)" }.joined(separator: "\n"))
    let resolver = internet.resolver()
    let answers = await withTaskGroup(of: Int.self) { group in
      for index in 1...20 {
        group.addTask { await resolver.resolve(question("h\(index).example.com.")).answers.count }
      }
      return await group.reduce(0, +)
    }
    #expect(answers == 20)
  }

  @Test func withoutCachesGivenTheyAreBuiltFromTheConfiguration() async {
    let internet = TestInternet.withExample()
    var configuration = ResolverConfiguration()
    configuration.rootHints = TestInternet.hints
    configuration.recordCacheSize = 0
    configuration.negativeCacheSize = 0
    let resolver = Resolver(configuration: configuration, transport: internet.network, clock: internet.clock)

    #expect(await resolver.resolve(question("www.example.com.")).answers.count == 1)
    #expect(await resolver.resolve(question("www.example.com.")).answers.count == 1)

    // Nothing can be cached, so the second resolution primes and walks down again.
    #expect(internet.lines.filter { $0 == "198.41.0.4 . NS" }.count == 2)
    #expect(internet.lines.filter { $0 == "192.0.2.1 www.example.com. A" }.count == 2)
  }
}
