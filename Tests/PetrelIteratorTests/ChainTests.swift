import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct ChainTests {
  /// example.com. and example.net. on their own servers.
  static func twoZones(com records: String, net netRecords: String) -> TestInternet {
    let internet = TestInternet.withExample(
      records, net: "example.net. NS ns1.example.net.\nns1.example.net. A 192.0.2.6")
    internet.network.server("192.0.2.6") {
      TestInternet.zone("example.net.", "@ NS ns1\nns1 A 192.0.2.6\n" + netRecords)
    }
    return internet
  }

  @Test func aCNAMEIntoAnotherZoneIsFollowedThereAndServedWithTheChain() async {
    let internet = Self.twoZones(com: "alias 600 CNAME www.example.net.", net: "www 120 A 192.0.2.81")
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question("alias.example.com."))

    #expect(result.rcode == .noError)
    #expect(
      result.answerLines == [
        "alias.example.com. 600 CNAME www.example.net.",
        "www.example.net. 120 A 192.0.2.81",
      ])
    #expect(
      internet.lines.suffix(4) == [
        "192.0.2.1 alias.example.com. A",
        "198.41.0.4 www.example.net. A",
        "192.5.6.30 www.example.net. A",
        "192.0.2.6 www.example.net. A",
      ])

    internet.network.clearLog()
    let again = await resolver.resolve(question("alias.example.com."))
    #expect(internet.lines.isEmpty)
    #expect(again.answerLines == result.answerLines)
  }

  @Test func aCNAMEChainInsideOneZoneComesInOneResponse() async {
    let internet = TestInternet.withExample("a CNAME b\nb CNAME www")
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("a.example.com."))

    #expect(
      result.answerLines == [
        "a.example.com. 3600 CNAME b.example.com.",
        "b.example.com. 3600 CNAME www.example.com.",
        "www.example.com. 300 A 192.0.2.80",
      ])
    #expect(internet.lines.last == "192.0.2.1 a.example.com. A")
    #expect(internet.lines.count == 4)
  }

  @Test func aDNAMEIsSubstitutedTheClientGetsItAndTheSynthesisedCNAMEAndItIsCached() async throws {
    let internet = Self.twoZones(com: "old 900 DNAME example.net.", net: "www 120 A 192.0.2.81")
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.old.example.com."))

    let expected = [
      "old.example.com. 900 DNAME example.net.",
      "www.old.example.com. 900 CNAME www.example.net.",
      "www.example.net. 120 A 192.0.2.81",
    ]
    #expect(result.answerLines == expected)
    #expect(resolver.caches.records.lookup(name("old.example.com."), .dname)?.credibility == .authoritativeAnswer)
    // The synthesised CNAME is not cached: the DNAME stands for it.
    #expect(resolver.caches.records.lookup(name("www.old.example.com."), .cname) == nil)

    internet.network.clearLog()
    let again = await resolver.resolve(question("www.old.example.com."))
    #expect(internet.lines.isEmpty)
    #expect(again.answerLines == expected)
  }

  @Test func aDNAMEIsSynthesisedByTheResolverNotTakenFromTheServersCNAME() async {
    let internet = Self.twoZones(com: "old 900 DNAME example.net.", net: "www 120 A 192.0.2.81")
    internet.network.server("192.0.2.1") {
      // The server's CNAME points elsewhere; RFC 6672 has the resolver substitute for itself.
      Respond { request in
        guard request.name == "www.old.example.com." else { return nil }
        return .modify { response in
          response.answers = [
            ResourceRecord(name: name("old.example.com."), ttl: 900, rdata: .dname(name("example.net."))),
            ResourceRecord(name: name("www.old.example.com."), ttl: 900, rdata: .cname(name("evil.example.org."))),
          ]
        }
      }
      TestInternet.zone("example.com.", "old 900 DNAME example.net.")
    }
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.old.example.com."))

    #expect(result.answerLines.last == "www.example.net. 120 A 192.0.2.81")
    #expect(!internet.lines.contains { $0.contains("evil") })
  }

  @Test func chainsLongerThanTheLimitFail() async {
    let internet = TestInternet.withExample("a CNAME b\nb CNAME c\nc CNAME d\nd CNAME www")
    let short = internet.resolver { $0.budgets.chainLength = 3 }
    let failed = await short.resolve(question("a.example.com."))
    #expect(failed.rcode == .servFail)
    #expect(failed.extendedError?.extraText == "alias chain longer than 3 links")

    let long = internet.resolver { $0.budgets.chainLength = 4 }
    let answered = await long.resolve(question("a.example.com."))
    #expect(answered.answers.count == 5)
  }

  @Test func aCNAMELoopInsideAResponseGivesSERVFAILWithTheLoop() async {
    let internet = TestInternet.withExample("a CNAME b\nb CNAME a")
    let result = await internet.resolver().resolve(question("a.example.com."))
    #expect(result.rcode == .servFail)
    #expect(result.extendedError?.extraText == "alias loop at a.example.com.")
    #expect(
      result.answerLines == ["a.example.com. 3600 CNAME b.example.com.", "b.example.com. 3600 CNAME a.example.com."])
  }

  @Test func aDNAMEThatAppliesTwiceOnTheChainIsSentOnce() async {
    // x.example.com. DNAME example.com.: a.x.x.example.com. → a.x.example.com. → a.example.com.
    let internet = TestInternet.withExample("x DNAME example.com.\na TXT \"end\"")
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question("a.x.x.example.com.", .txt))

    #expect(
      result.answerLines == [
        "x.example.com. 3600 DNAME example.com.",
        "a.x.x.example.com. 3600 CNAME a.x.example.com.",
        "a.x.example.com. 3600 CNAME a.example.com.",
        "a.example.com. 3600 TXT \"end\"",
      ])
  }

  @Test func aCNAMELoopAcrossZonesGivesSERVFAIL() async {
    let internet = Self.twoZones(com: "a CNAME a.example.net.", net: "a CNAME a.example.com.")
    let resolver = internet.resolver()
    let result = await resolver.resolve(question("a.example.com."))
    #expect(result.rcode == .servFail)
    #expect(result.extendedError?.code == .otherError)
    #expect(result.extendedError?.extraText == "alias loop at a.example.com.")
    // Served from the cache the second time, the loop is found without a query.
    internet.network.clearLog()
    #expect(await resolver.resolve(question("a.example.com.")).rcode == .servFail)
    #expect(internet.lines.isEmpty)
  }

  @Test func aCNAMEToANameThatDoesNotExistIsNXDOMAINWithTheChain() async {
    let internet = Self.twoZones(com: "alias CNAME gone.example.net.", net: "")
    let result = await internet.resolver().resolve(question("alias.example.com."))
    #expect(result.rcode == .nxDomain)
    #expect(result.answerLines == ["alias.example.com. 3600 CNAME gone.example.net."])
    #expect(
      result.authorityLines == ["example.net. 300 SOA ns.example.net. hostmaster.example.net. 1 7200 3600 1209600 300"])
  }
}
