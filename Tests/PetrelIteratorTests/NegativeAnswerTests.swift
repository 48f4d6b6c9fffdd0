import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct NegativeAnswerTests {
  static let soa = "example.com. 300 SOA ns.example.com. hostmaster.example.com. 1 7200 3600 1209600 300"

  @Test(arguments: [true, false])
  func nxDomainIsCachedFromTheSOAAndServedWithItsTTLCountingDown(minimise: Bool) async throws {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver { $0.qnameMinimisation = minimise }

    let result = await resolver.resolve(question("nothing.example.com."))
    #expect(result.rcode == .nxDomain)
    #expect(result.answers.isEmpty)
    #expect(result.authorityLines == [Self.soa])
    let denial = try #require(resolver.caches.negative.lookup(name("nothing.example.com."), .mx))
    #expect(denial.kind == .nxDomain)

    internet.network.clearLog()
    internet.clock.advance(by: 100)
    let cached = await resolver.resolve(question("nothing.example.com.", .txt))
    #expect(internet.lines.isEmpty)
    #expect(cached.rcode == .nxDomain)
    #expect(cached.authorities.map(\.ttl) == [200])
  }

  @Test func noDataIsCachedForTheTypeOnly() async throws {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com.", .aaaa))
    #expect(result.rcode == .noError)
    #expect(result.answers.isEmpty)
    #expect(result.authorityLines == [Self.soa])
    #expect(resolver.caches.negative.lookup(name("www.example.com."), .aaaa)?.kind == .noData)

    internet.network.clearLog()
    #expect(await resolver.resolve(question("www.example.com.", .aaaa)).authorities.count == 1)
    #expect(internet.lines.isEmpty)
    #expect(await resolver.resolve(question("www.example.com.")).answers.count == 1)
    #expect(internet.lines == ["192.0.2.1 www.example.com. A"])
  }

  @Test(arguments: [true, false])
  func anEmptyNonTerminalIsNoDataNotNXDOMAIN(minimise: Bool) async {
    let internet = TestInternet.withExample("deep.below A 192.0.2.90")
    let resolver = internet.resolver { $0.qnameMinimisation = minimise }

    let result = await resolver.resolve(question("below.example.com."))

    #expect(result.rcode == .noError)
    #expect(result.answers.isEmpty)
    #expect(result.authorityLines == [Self.soa])
    #expect(resolver.caches.negative.lookup(name("below.example.com."), .a)?.kind == .noData)
  }

  @Test func anAnswerOfAnotherTypeWithoutSOAIsNoDataAndNotCached() async {
    // RFC 2308 §2.2 type 3: NOERROR, no relevant answer, no SOA, no NS; here not even the AA bit.
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      Respond(
        to: "www.example.com.", type: .aaaa,
        .modify { response in
          response.flags.remove(.aa)
          response.authorities = []
          response.answers = [
            ResourceRecord(name: name("www.example.com."), ttl: 0, rdata: .a(IPv4Address(2, 2, 2, 2)))
          ]
        })
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question("www.example.com.", .aaaa))

    #expect(result.rcode == .noError)
    #expect(result.answers.isEmpty)
    #expect(resolver.caches.negative.lookup(name("www.example.com."), .aaaa) == nil)
    #expect(resolver.caches.records.lookup(name("www.example.com."), .a) == nil)
  }

  @Test func aDenialWithoutSOAIsServedButNotCached() async {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      Respond(to: "gone.example.com.", .modify { $0.authorities = [] })
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let first = await resolver.resolve(question("gone.example.com."))
    #expect(first.rcode == .nxDomain)
    #expect(first.authorities.isEmpty)
    #expect(resolver.caches.negative.lookup(name("gone.example.com."), .a) == nil)

    internet.network.clearLog()
    #expect(await resolver.resolve(question("gone.example.com.")).rcode == .nxDomain)
    #expect(internet.lines == ["192.0.2.1 gone.example.com. A"])
  }

  @Test func theNegativeTTLIsTheSmallerOfSOATTLAndMinimumAndTheConfiguredMaximum() async {
    let internet = TestInternet(com: "example.com. NS ns1.example.com.\nns1.example.com. A 192.0.2.1")
    internet.network.server("192.0.2.1") { TestInternet.zone("example.com.", negativeTTL: 7200, "www A 192.0.2.80") }
    let resolver = internet.resolver { $0.maximumNegativeTTL = 900 }

    let result = await resolver.resolve(question("gone.example.com."))

    #expect(result.authorities.map(\.ttl) == [900])
  }
}
