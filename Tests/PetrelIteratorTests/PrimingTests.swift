import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct PrimingTests {
  @Test func nothingIsSentBeforeTheFirstResolveWhichPrimesTheRoot() async {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver()
    #expect(internet.lines.isEmpty)

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.rcode == .noError)
    #expect(result.answerLines == ["www.example.com. 300 A 192.0.2.80"])
    #expect(
      internet.lines == [
        "198.41.0.4 . NS",
        "198.41.0.4 com. A",
        "192.5.6.30 example.com. A",
        "192.0.2.1 www.example.com. A",
      ])
  }

  @Test func thePrimedRootNSSetAndItsAddressesAreCachedAndPrimingIsNotRepeated() async throws {
    let internet = TestInternet.withExample("mail 300 A 192.0.2.25")
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("www.example.com."))

    let roots = try #require(resolver.caches.records.lookup(.root, .ns))
    #expect(roots.credibility == .authoritativeAnswer)
    #expect(roots.rrset.rdatas == [.ns(name("a.root-servers.net."))])
    let address = try #require(resolver.caches.records.lookup(name("a.root-servers.net."), .a))
    #expect(address.rrset.rdatas == [.a(IPv4Address(198, 41, 0, 4))])

    internet.network.clearLog()
    _ = await resolver.resolve(question("www.example.org."))
    #expect(internet.lines.first == "198.41.0.4 org. A")
    #expect(!internet.lines.contains("198.41.0.4 . NS"))
  }

  @Test func aFailedPrimingFallsBackToTheHints() async {
    let internet = TestInternet.withExample()
    internet.network.server(TestInternet.rootAddress) {
      Respond(to: ".", type: .ns, .rcode(.servFail))
      TestInternet.rootZoneForTests
    }
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 300 A 192.0.2.80"])
    #expect(internet.lines.prefix(2) == ["198.41.0.4 . NS", "198.41.0.4 com. A"])
    #expect(resolver.caches.records.lookup(.root, .ns) == nil)
  }
}
