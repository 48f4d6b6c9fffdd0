import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct ReferralTests {
  @Test func glueInsideTheDelegatedZoneIsUsedAndCachedAtAdditionalRank() async throws {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver()

    _ = await resolver.resolve(question("www.example.com."))

    #expect(internet.lines.last == "192.0.2.1 www.example.com. A")
    let glue = try #require(resolver.caches.records.lookup(name("ns1.example.com."), .a))
    #expect(glue.credibility == .additional)
    let referral = try #require(resolver.caches.records.lookup(name("example.com."), .ns))
    #expect(referral.credibility == .additional)
  }

  /// com. refers example.com. to ns1.other.com. and sends its address: sibling glue, inside the referring zone
  /// but outside the delegated one.
  static func siblingGlue() -> TestInternet {
    let internet = TestInternet(
      com: """
        example.com.     NS ns1.other.com.
        ns1.other.com.   A  192.0.2.77
        other.com.       NS ns.other.com.
        ns.other.com.    A  192.0.2.3
        """)
    internet.network.server("192.0.2.3") {
      TestInternet.zone("other.com.", "@ NS ns\nns A 192.0.2.3\nns1 A 192.0.2.2")
    }
    internet.network.server("192.0.2.2") { TestInternet.zone("example.com.", "www A 192.0.2.80") }
    internet.network.server("192.0.2.77") { TestInternet.zone("example.com.", "www A 203.0.113.66") }
    return internet
  }

  @Test func withHardenGlueSiblingGlueInTheReferringZoneIsInBailiwickAndUsed() async throws {
    let internet = Self.siblingGlue()
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com."))

    // com.'s servers speak for every name in com., ns1.other.com. included (RFC 2181 §5.4.1).
    #expect(result.answerLines == ["www.example.com. 3600 A 203.0.113.66"])
    #expect(
      internet.lines == [
        "198.41.0.4 . NS",
        "198.41.0.4 com. A",
        "192.5.6.30 example.com. A",
        "192.0.2.77 www.example.com. A",
      ])
    let glue = try #require(resolver.caches.records.lookup(name("ns1.other.com."), .a))
    #expect(glue.rrset.rdatas == [.a(IPv4Address(192, 0, 2, 77))])
    #expect(glue.credibility == .additional)
  }

  @Test func withoutHardenGlueGlueInTheReferringZoneIsAccepted() async {
    let internet = Self.siblingGlue()
    let resolver = internet.resolver { $0.hardenGlue = false }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 203.0.113.66"])
    #expect(internet.lines.last == "192.0.2.77 www.example.com. A")
  }

  /// com. refers example.com. to ns.example.org. and offers an address for it that com. has no say over.
  static func outOfBailiwickGlue() -> TestInternet {
    let internet = TestInternet(
      com: """
        example.com.    NS ns.example.org.
        ns.example.org. A  192.0.2.99
        """,
      org: """
        example.org.    NS ns.example.org.
        ns.example.org. A  192.0.2.4
        """)
    internet.network.server("192.0.2.4") {
      TestInternet.zone("example.org.", "@ NS ns\nns A 192.0.2.4")
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    internet.network.server("192.0.2.99") { TestInternet.zone("example.com.", "www A 203.0.113.99") }
    return internet
  }

  @Test func withHardenGlueGlueOutsideTheReferringZoneIsDropped() async {
    let internet = Self.outOfBailiwickGlue()
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    #expect(!internet.lines.contains { $0.hasPrefix("192.0.2.99") })
    #expect(
      resolver.caches.records.lookup(name("ns.example.org."), .a)?.rrset.rdatas == [.a(IPv4Address(192, 0, 2, 4))])
  }

  @Test func withoutHardenGlueGlueOutsideTheReferringZoneServesTheReferralButIsNeverCached() async {
    let internet = Self.outOfBailiwickGlue()
    let resolver = internet.resolver { $0.hardenGlue = false }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 203.0.113.99"])
    #expect(internet.lines.last == "192.0.2.99 www.example.com. A")
    #expect(resolver.caches.records.lookup(name("ns.example.org."), .a) == nil)
  }

  @Test func aGluelessDelegationIsResolvedOnTheSide() async {
    let internet = TestInternet(
      com: "example.com. NS ns.example.net.",
      net: "example.net. NS ns.example.net.\nns.example.net. A 192.0.2.5")
    internet.network.server("192.0.2.5") {
      TestInternet.zone("example.net.", "@ NS ns\nns A 192.0.2.5")
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    #expect(
      internet.lines == [
        "198.41.0.4 . NS",
        "198.41.0.4 www.example.com. A",
        "192.5.6.30 www.example.com. A",
        "198.41.0.4 ns.example.net. A",
        "192.5.6.30 ns.example.net. A",
        "192.0.2.5 ns.example.net. A",
        "192.0.2.5 www.example.com. A",
      ])
  }

  @Test func nameserverNamesResolvedPerDelegationAreLimited() async {
    let internet = TestInternet(
      com: """
        example.com. NS ns1.missing.net.
        example.com. NS ns2.missing.net.
        example.com. NS ns3.missing.net.
        """)
    let resolver = internet.resolver {
      $0.qnameMinimisation = false
      $0.budgets.nameserverNamesPerDelegation = 2
    }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(result.extendedError?.code == .otherError)
    #expect(result.extendedError?.extraText.contains("nameserver names per delegation (2)") == true)
    let asked = Set(internet.network.log.map(\.question.name.description).filter { $0.hasSuffix("missing.net.") })
    #expect(asked == ["ns1.missing.net.", "ns2.missing.net."])
  }

  /// example.com. is served by ns.a.net. whose zone a.net. is served by ns.b.org., all without glue (the address
  /// of ns.b.org. is in org., which net. has no say over).
  static func gluelessTwice() -> TestInternet {
    let internet = TestInternet(
      com: "example.com. NS ns.a.net.",
      net: "a.net. NS ns.b.org.",
      org: """
        b.org. NS ns.b.org.
        ns.b.org. A 192.0.2.12
        """)
    internet.network.server("192.0.2.12") {
      TestInternet.zone("b.org.", "@ NS ns\nns A 192.0.2.12")
      TestInternet.zone("a.net.", "ns A 192.0.2.11")
    }
    internet.network.server("192.0.2.11") { TestInternet.zone("example.com.", "www A 192.0.2.80") }
    return internet
  }

  @Test func nestedNameserverResolutionsStopAtTheRecursionDepth() async {
    let shallow = Self.gluelessTwice()
    let failed = await shallow.resolver { $0.budgets.recursionDepth = 1 }.resolve(question("www.example.com."))
    #expect(failed.rcode == .servFail)
    #expect(failed.extendedError?.extraText.contains("recursion depth (1)") == true)
    #expect(!shallow.lines.contains { $0.hasPrefix("192.0.2.11 ") })

    let deep = Self.gluelessTwice()
    let answered = await deep.resolver { $0.budgets.recursionDepth = 2 }.resolve(question("www.example.com."))
    #expect(answered.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
  }

  @Test func theChildsNSSetReplacesTheReferralsAndIsPreferredOnceKnown() async throws {
    // The parent still lists ns1; the child says its servers are now ns2 (and includes its NS set in answers).
    let internet = TestInternet.withExample(com: "")
    internet.network.server("192.0.2.1") {
      Respond { request in
        .modify { response in
          response.flags.insert(.aa)
          response.authorities = [
            ResourceRecord(name: name("example.com."), ttl: 3600, rdata: .ns(name("ns2.example.com.")))
          ]
          response.additionals = [
            ResourceRecord(name: name("ns2.example.com."), ttl: 3600, rdata: .a(IPv4Address(192, 0, 2, 20)))
          ]
          _ = request
        }
      }
      TestInternet.zone("example.com.", "@ NS ns1\nns1 A 192.0.2.1\nwww A 192.0.2.80")
    }
    internet.network.server("192.0.2.20") {
      TestInternet.zone("example.com.", "@ NS ns2\nns2 A 192.0.2.20\nmail A 192.0.2.25")
    }
    let resolver = internet.resolver()

    _ = await resolver.resolve(question("www.example.com."))
    let child = try #require(resolver.caches.records.lookup(name("example.com."), .ns))
    #expect(child.credibility == .authoritativeAuthority)
    #expect(child.rrset.rdatas == [.ns(name("ns2.example.com."))])

    internet.network.clearLog()
    let result = await resolver.resolve(question("mail.example.com."))
    #expect(result.answerLines == ["mail.example.com. 3600 A 192.0.2.25"])
    #expect(internet.lines == ["192.0.2.20 mail.example.com. A"])

    // A fresh walk from the root meets the parent's referral again; the child's set stays and is used.
    internet.network.clearLog()
    _ = await resolver.resolve(question("mail.example.com."), options: ResolutionOptions(bypassCache: true))
    #expect(resolver.caches.records.lookup(name("example.com."), .ns)?.credibility == .authoritativeAuthority)
    #expect(internet.lines.last == "192.0.2.20 mail.example.com. A")
  }

  @Test func theRootsGlueForGtldServersIsInItsBailiwickAndUsed() async {
    // As on the Internet: com. is served by a.gtld-servers.net., whose address the root sends as glue that is
    // outside com. but inside the root zone, so in the root's bailiwick (Deckard's iter_resolve).
    let internet = TestInternet()
    internet.network.server(TestInternet.rootAddress) {
      ScriptedZone(
        ".",
        """
        .                   86400  SOA a.root-servers.net. nstld.verisign-grs.com. 1 1800 900 604800 86400
        .                   518400 NS  a.root-servers.net.
        a.root-servers.net. 518400 A   198.41.0.4
        com.                172800 NS  a.gtld-servers.net.
        net.                172800 NS  a.gtld-servers.net.
        a.gtld-servers.net. 172800 A   192.5.6.30
        """)
    }
    internet.network.server(TestInternet.tldAddress) {
      TestInternet.zone("com.", "example.com. NS ns1.example.com.\nns1.example.com. A 192.0.2.1")
      TestInternet.zone("net.", "a.gtld-servers.net. A 192.5.6.30")
    }
    internet.network.server("192.0.2.1") { TestInternet.zone("example.com.", "www A 192.0.2.80") }
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    #expect(
      internet.lines == [
        "198.41.0.4 . NS",
        "198.41.0.4 com. A",
        "192.5.6.30 example.com. A",
        "192.0.2.1 www.example.com. A",
      ])
  }
}

@Suite struct ParentSideDataTests {
  @Test func aDSQuestionIsAskedOfTheParentZone() async {
    let internet = TestInternet.withExample(
      com: "example.com. DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("www.example.com."))
    internet.network.clearLog()

    let result = await resolver.resolve(question("example.com.", .ds))

    #expect(result.answers.map(\.type) == [.ds])
    #expect(internet.lines == ["192.5.6.30 example.com. DS"])
  }

  @Test func aReferralsNSSetIsNotServedAsAnAnswer() async throws {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("www.example.com."))
    internet.network.clearLog()

    let result = await resolver.resolve(question("example.com.", .ns))

    #expect(result.answerLines == ["example.com. 3600 NS ns1.example.com."])
    #expect(internet.lines == ["192.0.2.1 example.com. NS"])
    let cached = try #require(resolver.caches.records.lookup(name("example.com."), .ns))
    #expect(cached.credibility == .authoritativeAnswer)
  }
}
