import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct NameserverSelectionTests {
  static let first = UpstreamServer(address: IPAddress("192.0.2.1")!)
  static let second = UpstreamServer(address: IPAddress("192.0.2.2")!)

  /// example.com. served by two servers; the first query that reaches either gets `action`, the other answers.
  static func twoServers(firstQueryGets action: ScriptedAction) -> TestInternet {
    let once = Once()
    let rule = Respond { request in request.name == "www.example.com." && once.take() ? action : nil }
    let internet = TestInternet.withExample(com: "example.com. NS ns2.example.com.\nns2.example.com. A 192.0.2.2")
    for address in ["192.0.2.1", "192.0.2.2"] {
      internet.network.server(address) {
        rule
        TestInternet.zone("example.com.", "www A 192.0.2.80")
      }
    }
    return internet
  }

  /// The two queries for www.example.com.: to different servers, the first one failed.
  static func expectFailover(_ internet: TestInternet) throws -> (failed: UpstreamServer, answered: UpstreamServer) {
    let queries = internet.network.log.filter { $0.server == first || $0.server == second }
    try #require(queries.count == 2)
    #expect(queries[0].server != queries[1].server)
    return (queries[0].server, queries[1].server)
  }

  @Test func aTimeoutIsRecordedAndTheNextServerTried() async throws {
    let internet = Self.twoServers(firstQueryGets: .timeout)
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    let (failed, answered) = try Self.expectFailover(internet)
    #expect(resolver.caches.nameservers.statistics(for: failed)?.timeouts == 1)
    #expect(resolver.caches.nameservers.statistics(for: answered)?.timeouts == 0)
  }

  @Test(
    arguments: [
      (ScriptedAction.rcode(.refused), "REFUSED"), (.rcode(.servFail), "SERVFAIL"),
      (.lame, "lame: not authoritative and not a referral"),
      (
        .modify {
          $0.flags.remove(.aa)
          $0.flags.insert(.ra)
        }, "lame: answer from a recursive server (RA without AA)"
      ),
    ])
  func anUnusableAnswerIsRecordedAsAFailureAndTheServerSkipped(action: ScriptedAction, reason: String) async throws {
    let internet = Self.twoServers(firstQueryGets: action)
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    let (failed, _) = try Self.expectFailover(internet)
    let statistics = try #require(resolver.caches.nameservers.statistics(for: failed))
    #expect(statistics.throttleReason == reason)
  }

  @Test func anUpwardReferralIsLame() async throws {
    let upward = ScriptedAction.modify { response in
      response.flags.remove(.aa)
      response.answers = []
      response.authorities = [ResourceRecord(name: .root, ttl: 3600, rdata: .ns(name("a.root-servers.net.")))]
    }
    let internet = Self.twoServers(firstQueryGets: upward)
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answers.count == 1)
    let (failed, _) = try Self.expectFailover(internet)
    #expect(resolver.caches.nameservers.statistics(for: failed)?.throttleReason?.hasPrefix("lame") == true)
  }

  @Test func aReferralToTheSameZoneIsLame() async throws {
    let sideways = ScriptedAction.modify { response in
      response.flags.remove(.aa)
      response.answers = []
      response.authorities = [
        ResourceRecord(name: name("example.com."), ttl: 3600, rdata: .ns(name("ns9.example.com.")))
      ]
    }
    let internet = Self.twoServers(firstQueryGets: sideways)
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answers.count == 1)
    let (failed, _) = try Self.expectFailover(internet)
    #expect(
      resolver.caches.nameservers.statistics(for: failed)?.throttleReason
        == "lame: referral to example.com. itself (upward or sideways)")
  }

  @Test func whenEveryServerTimesOutTheResultIsSERVFAILWithNoReachableAuthority() async {
    let internet = TestInternet.withExample(com: "example.com. NS ns2.example.com.\nns2.example.com. A 192.0.2.2")
    for address in ["192.0.2.1", "192.0.2.2"] {
      internet.network.server(address) { Respond { _ in .timeout } }
    }
    let result = await internet.resolver().resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(result.extendedError?.code == .noReachableAuthority)
    #expect(result.extendedError?.extraText.hasPrefix("no nameserver of example.com. answered usably") == true)
    let asked = internet.network.log.filter { $0.server == Self.first || $0.server == Self.second }
    #expect(Set(asked.map(\.server)) == [Self.first, Self.second])
  }

  @Test func whenEveryServerIsUnreachableTheResultIsSERVFAILWithNetworkError() async {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") { Respond { _ in .transportError(.unreachable) } }

    let result = await internet.resolver().resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(result.extendedError?.code == .networkError)
  }

  @Test func serversAreTriedInTheNameserverCachesOrder() async {
    let internet = Self.twoServers(firstQueryGets: .answer)
    let resolver = internet.resolver { $0.qnameMinimisation = false }
    // The second server has answered fast before; the first has only timed out.
    resolver.caches.nameservers.recordResponse(from: Self.second, roundTrip: .milliseconds(5))
    resolver.caches.nameservers.recordTimeout(for: Self.first)

    _ = await resolver.resolve(question("www.example.com."))

    #expect(internet.lines.last == "192.0.2.2 www.example.com. A")
  }
}
