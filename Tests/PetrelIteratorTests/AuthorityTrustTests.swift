import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

/// How much of a response without the AA bit the resolver believes.
@Suite struct AuthorityTrustTests {
  @Test func anAnswerWithoutAAIsUsedAndCachedAtTheNonAuthoritativeRank() async throws {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      Respond(to: "www.example.com.", .modify { $0.flags.remove(.aa) })
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    let cached = try #require(resolver.caches.records.lookup(name("www.example.com."), .a))
    #expect(cached.credibility == .nonAuthoritativeAnswer)
  }

  /// example.com.'s server answers mail.example.com. without AA and slips an NS set pointing at 192.0.2.66 into
  /// the authority section, with its address.
  static func rogueAuthority(aa: Bool) -> TestInternet {
    let internet = TestInternet.withExample("mail A 192.0.2.25\nbad A 192.0.2.66")
    internet.network.server("192.0.2.1") {
      Respond(
        to: "bad.example.com.",
        .modify { response in
          if !aa { response.flags.remove(.aa) }
          response.authorities = [
            ResourceRecord(name: name("example.com."), ttl: 3600, rdata: .ns(name("bad.example.com.")))
          ]
          response.additionals = [
            ResourceRecord(name: name("bad.example.com."), ttl: 3600, rdata: .a(IPv4Address(192, 0, 2, 66)))
          ]
        })
      TestInternet.zone("example.com.", "@ NS ns1\nns1 A 192.0.2.1\nmail A 192.0.2.25\nbad A 192.0.2.66")
    }
    internet.network.server("192.0.2.66") { TestInternet.zone("example.com.", "mail A 203.0.113.66") }
    return internet
  }

  @Test func theAuthorityOfAnAnswerWithoutAAIsNotCachedSoItCannotReplaceTheDelegation() async {
    let internet = Self.rogueAuthority(aa: false)
    let resolver = internet.resolver()

    _ = await resolver.resolve(question("bad.example.com."))
    let result = await resolver.resolve(question("mail.example.com."))

    #expect(result.answerLines == ["mail.example.com. 3600 A 192.0.2.25"])
    #expect(!internet.lines.contains { $0.hasPrefix("192.0.2.66") })
    #expect(resolver.caches.records.lookup(name("example.com."), .ns)?.rrset.rdatas == [.ns(name("ns1.example.com."))])
  }

  @Test func theAuthorityOfAnAuthoritativeAnswerIsTheZonesOwnNSSet() async {
    let internet = Self.rogueAuthority(aa: true)
    let resolver = internet.resolver()

    _ = await resolver.resolve(question("bad.example.com."))

    let cached = resolver.caches.records.lookup(name("example.com."), .ns)
    #expect(cached?.rrset.rdatas == [.ns(name("bad.example.com."))])
    #expect(cached?.credibility == .authoritativeAuthority)
  }
}
