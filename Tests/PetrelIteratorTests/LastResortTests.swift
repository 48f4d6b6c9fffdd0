import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

/// What the resolver does when every server it knows for a zone fails: ask the parent again, use the parent's
/// glue and NS set, and find in-zone nameserver names through the cache.
@Suite struct LastResortTests {
  /// example.com. delegated to ns1 (192.0.2.1, short-lived glue) and ns2 (192.0.2.2, refuses everything).
  static func oneGoodServer() -> TestInternet {
    let internet = TestInternet(
      com: """
        example.com.     NS ns1.example.com.
        example.com.     NS ns2.example.com.
        ns1.example.com. 10 A 192.0.2.1
        ns2.example.com. A 192.0.2.2
        """)
    internet.network.server("192.0.2.1") {
      TestInternet.zone(
        "example.com.", "@ NS ns1\n@ NS ns2\nns1 10 A 192.0.2.1\nns2 A 192.0.2.2\nwww A 192.0.2.80\nmail A 192.0.2.25")
    }
    internet.network.server("192.0.2.2") { Respond { _ in .rcode(.refused) } }
    return internet
  }

  @Test func aCachedDelegationWhoseServersAllFailIsAskedForAgainAtTheParent() async {
    let internet = Self.oneGoodServer()
    let resolver = internet.resolver { $0.qnameMinimisation = false }
    _ = await resolver.resolve(question("www.example.com."))
    internet.clock.advance(by: 60)  // ns1's glue is gone; ns2's remains and refuses
    internet.network.clearLog()

    let result = await resolver.resolve(question("mail.example.com."))

    #expect(result.answerLines == ["mail.example.com. 3600 A 192.0.2.25"])
    #expect(internet.lines.first == "192.0.2.2 mail.example.com. A")
    #expect(internet.lines.contains { $0.hasPrefix("192.5.6.30 ") })
    #expect(internet.lines.last == "192.0.2.1 mail.example.com. A")
  }

  /// The parent gives ns.example.net. the address 192.0.2.44; the child's own, authoritative, answer says
  /// 192.0.2.55, where nothing answers usably.
  static func parentChildDiffer() -> TestInternet {
    let internet = TestInternet(
      com: "example.com. NS ns.example.net.",
      net: "example.net. NS ns.example.net.\nns.example.net. A 192.0.2.44")
    internet.network.server("192.0.2.44") {
      TestInternet.zone("example.net.", "@ NS ns\nns A 192.0.2.55")
      TestInternet.zone("example.com.", "@ NS ns.example.net.\nwww A 192.0.2.80")
    }
    internet.network.server("192.0.2.55") { Respond { _ in .rcode(.servFail) } }
    return internet
  }

  @Test func whenTheChildsAddressFailsTheParentSideGlueIsTried() async {
    let internet = Self.parentChildDiffer()
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    #expect(internet.lines.suffix(2) == ["192.5.6.30 ns.example.net. A", "192.0.2.44 www.example.com. A"])
    // The parent-side glue is not cached: the child's authoritative data stays.
    #expect(
      resolver.caches.records.lookup(name("ns.example.net."), .a)?.rrset.rdatas == [.a(IPv4Address(192, 0, 2, 55))])
  }

  @Test func aNameserverNameInsideItsZoneIsFoundThroughACachedAlias() async {
    // ns.example.com.'s glue expires; the other server refuses; the cache knows ns.example.com. is an alias of
    // ns.example.net. (Deckard's iter_cname_cache).
    let internet = TestInternet(
      com: """
        example.com.     NS ns.example.com.
        example.com.     NS ns2.example.com.
        ns.example.com.  10 A 192.0.2.1
        ns2.example.com. A 192.0.2.2
        """,
      net: "example.net. NS ns.example.net.\nns.example.net. A 192.0.2.6")
    internet.network.server("192.0.2.1") {
      TestInternet.zone("example.com.", "ns CNAME ns.example.net.\nwww A 192.0.2.80")
    }
    internet.network.server("192.0.2.2") { Respond { _ in .rcode(.refused) } }
    internet.network.server("192.0.2.6") {
      TestInternet.zone("example.net.", "@ NS ns\nns A 192.0.2.6")
      TestInternet.zone("example.com.", "mail A 192.0.2.25")
    }
    let resolver = internet.resolver { $0.qnameMinimisation = false }
    _ = await resolver.resolve(question("ns.example.com.", .mx))
    internet.clock.advance(by: 60)
    internet.network.clearLog()

    let result = await resolver.resolve(question("mail.example.com."))

    #expect(result.answerLines == ["mail.example.com. 3600 A 192.0.2.25"])
    #expect(internet.lines.last == "192.0.2.6 mail.example.com. A")
    #expect(!internet.lines.contains { $0.hasPrefix("192.5.6.30 ") })
  }

  @Test func whenTheChildsNSSetFailsTheParentsSetIsUsed() async {
    // com. lists ns1 and ns2; ns1's own answers say the zone has ns1 only, then ns1 starts failing.
    let internet = TestInternet(
      com: """
        example.com.     NS ns1.example.com.
        example.com.     NS ns2.example.com.
        ns1.example.com. A 192.0.2.1
        ns2.example.com. A 192.0.2.2
        """)
    internet.network.server("192.0.2.1") {
      Respond(
        to: "www.example.com.",
        .modify {
          $0.authorities = [ResourceRecord(name: name("example.com."), ttl: 3600, rdata: .ns(name("ns1.example.com.")))]
        })
      Respond(to: "mail.example.com.", .rcode(.servFail))
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    internet.network.server("192.0.2.2") { TestInternet.zone("example.com.", "mail A 192.0.2.25") }
    let resolver = internet.resolver { $0.qnameMinimisation = false }
    _ = await resolver.resolve(question("www.example.com."))
    #expect(resolver.caches.records.lookup(name("example.com."), .ns)?.rrset.rdatas == [.ns(name("ns1.example.com."))])
    internet.network.clearLog()

    let result = await resolver.resolve(question("mail.example.com."))

    #expect(result.answerLines == ["mail.example.com. 3600 A 192.0.2.25"])
    #expect(
      internet.lines == [
        "192.0.2.1 mail.example.com. A",
        "192.5.6.30 ns1.example.com. A",  // ns1's parent-side glue: the same address
        "192.5.6.30 mail.example.com. A",  // the parent again: ns1 and ns2
        "192.0.2.2 mail.example.com. A",
      ])
  }
}
