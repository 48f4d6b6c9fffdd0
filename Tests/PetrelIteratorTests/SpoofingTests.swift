import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct SpoofingTests {
  static let server = UpstreamServer(address: IPAddress("192.0.2.1")!)

  @Test(
    arguments: [
      ScriptedAction.modify { $0.id &+= 1 },
      .modify { $0.questions = [Question(name: name("www.example.org."), type: .a)] },
      .modify { $0.questions = [Question(name: name("www.example.com."), type: .aaaa)] },
      .modify { $0.questions = [Question(name: name("www.example.com."), type: .a, rrClass: .chaos)] },
      .modify { $0.questions = [] },
      .modify { $0.flags.remove(.qr) },
    ])
  func aReplyThatDoesNotMatchTheQueryIsRejected(forgery: ScriptedAction) async throws {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      Respond(to: "www.example.com.", forgery)
      TestInternet.zone("example.com.", "www A 203.0.113.66")
    }
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(result.answers.isEmpty)
    #expect(resolver.caches.records.lookup(name("www.example.com."), .a) == nil)
    #expect(resolver.caches.nameservers.statistics(for: Self.server)?.throttleReason != nil)
  }

  @Test func theQuestionIsComparedWithoutRegardToCase() async {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      Respond(
        to: "www.example.com.",
        .modify { $0.questions = [Question(name: name("WwW.ExAmPlE.CoM."), type: .a)] })
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    let result = await internet.resolver().resolve(question("www.example.com."))
    #expect(result.rcode == .noError)
    #expect(result.answers.map(\.rdata) == [.a(IPv4Address(192, 0, 2, 80))])
  }

  @Test func recordsOutsideTheServersBailiwickAreNeitherCachedNorServed() async {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      Respond(
        to: "www.example.com.",
        .modify { response in
          response.answers.append(
            ResourceRecord(name: name("www.victim.org."), ttl: 86400, rdata: .a(IPv4Address(203, 0, 113, 66))))
          response.authorities = [
            ResourceRecord(name: name("victim.org."), ttl: 86400, rdata: .ns(name("ns.evil.net."))),
            ResourceRecord(name: name("com."), ttl: 86400, rdata: .ns(name("ns.evil.net."))),
            ResourceRecord(name: name("example.com."), ttl: 3600, rdata: .ns(name("ns1.example.com."))),
          ]
          response.additionals = [
            ResourceRecord(name: name("ns.evil.net."), ttl: 86400, rdata: .a(IPv4Address(203, 0, 113, 67))),
            ResourceRecord(name: name("a.nic.com."), ttl: 86400, rdata: .a(IPv4Address(203, 0, 113, 68))),
            ResourceRecord(name: name("ns1.example.com."), ttl: 3600, rdata: .a(IPv4Address(192, 0, 2, 1))),
          ]
        })
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    let records = resolver.caches.records
    #expect(records.lookup(name("www.victim.org."), .a) == nil)
    #expect(records.lookup(name("victim.org."), .ns) == nil)
    #expect(records.lookup(name("ns.evil.net."), .a) == nil)
    #expect(records.lookup(name("com."), .ns)?.rrset.rdatas == [.ns(name("a.nic.com."))])
    #expect(records.lookup(name("a.nic.com."), .a)?.rrset.rdatas == [.a(IPv4Address(192, 5, 6, 30))])
    // In bailiwick, the zone's own NS set and its address are kept, at their ranks.
    #expect(records.lookup(name("example.com."), .ns)?.credibility == .authoritativeAuthority)
    #expect(records.lookup(name("ns1.example.com."), .a)?.credibility == .additional)
  }

  @Test func unrelatedRecordsInsideTheZoneAreNotCachedEither() async {
    let internet = TestInternet.withExample("other A 192.0.2.81")
    internet.network.server("192.0.2.1") {
      Respond(
        to: "www.example.com.",
        .modify { response in
          response.answers.append(
            ResourceRecord(name: name("other.example.com."), ttl: 86400, rdata: .a(IPv4Address(203, 0, 113, 66))))
        })
      TestInternet.zone("example.com.", "www A 192.0.2.80\nother A 192.0.2.81")
    }
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answers.count == 1)
    #expect(resolver.caches.records.lookup(name("other.example.com."), .a) == nil)
  }

  @Test func aReferralDoesNotOverwriteAnAuthoritativeAddress() async throws {
    // com. sends glue for ns1.example.com. that disagrees with the zone itself.
    let internet = TestInternet.withExample(
      "ns1 A 192.0.2.1",
      com: "")
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("ns1.example.com."))
    let authoritative = try #require(resolver.caches.records.lookup(name("ns1.example.com."), .a))
    #expect(authoritative.credibility == .authoritativeAnswer)

    internet.network.server(TestInternet.tldAddress) {
      TestInternet.zone(
        "com.",
        "@ NS a.nic.com.\na.nic.com. A 192.5.6.30\nexample.com. NS ns1.example.com.\nns1.example.com. A 192.0.2.111")
    }
    _ = await resolver.resolve(question("www.example.com."), options: ResolutionOptions(bypassCache: true))

    let after = try #require(resolver.caches.records.lookup(name("ns1.example.com."), .a))
    #expect(after.credibility == .authoritativeAnswer)
    #expect(after.rrset.rdatas == [.a(IPv4Address(192, 0, 2, 1))])
  }

  @Test func glueIsNotServedAsAnAnswer() async {
    let internet = TestInternet.withExample("ns1 A 192.0.2.1")
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("www.example.com."))
    #expect(resolver.caches.records.lookup(name("ns1.example.com."), .a)?.credibility == .additional)

    internet.network.clearLog()
    let result = await resolver.resolve(question("ns1.example.com."))
    #expect(result.answerLines == ["ns1.example.com. 3600 A 192.0.2.1"])
    #expect(internet.lines == ["192.0.2.1 ns1.example.com. A"])
    #expect(resolver.caches.records.lookup(name("ns1.example.com."), .a)?.credibility == .authoritativeAnswer)
  }
}
