import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct MinimisationTests {
  /// example.com. holds a.b.c.example.com. with b.c. and c. as empty non-terminals.
  static func deepName(_ rules: Respond...) -> TestInternet {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      for rule in rules { rule }
      TestInternet.zone("example.com.", "@ NS ns1\nns1 A 192.0.2.1\na.b.c TXT \"deep\"")
    }
    return internet
  }

  @Test func namesAreRevealedOneLabelAtATimeWithTypeAThenTheFullQuestion() async {
    let internet = Self.deepName()
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("a.b.c.example.com.", .txt))

    #expect(result.answerLines == ["a.b.c.example.com. 3600 TXT \"deep\""])
    #expect(
      internet.lines == [
        "198.41.0.4 . NS",
        "198.41.0.4 com. A",
        "192.5.6.30 example.com. A",
        "192.0.2.1 c.example.com. A",
        "192.0.2.1 b.c.example.com. A",
        "192.0.2.1 a.b.c.example.com. TXT",
      ])
  }

  @Test func minimisationStartsAtTheClosestCachedZoneCut() async {
    let internet = Self.deepName()
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("www.example.com."))
    internet.network.clearLog()

    _ = await resolver.resolve(question("a.b.c.example.com.", .txt))

    #expect(
      internet.lines == [
        "192.0.2.1 c.example.com. A",
        "192.0.2.1 b.c.example.com. A",
        "192.0.2.1 a.b.c.example.com. TXT",
      ])
  }

  @Test func withMinimisationOffTheFullNameGoesEverywhere() async {
    let internet = Self.deepName()
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    _ = await resolver.resolve(question("a.b.c.example.com.", .txt))

    #expect(
      internet.lines == [
        "198.41.0.4 . NS",
        "198.41.0.4 a.b.c.example.com. TXT",
        "192.5.6.30 a.b.c.example.com. TXT",
        "192.0.2.1 a.b.c.example.com. TXT",
      ])
  }

  @Test(arguments: [RCode.refused, .servFail, .formErr, .notImp])
  func aFailedMinimisedQueryIsRetriedWithTheFullName(rcode: RCode) async {
    let internet = Self.deepName(Respond(to: "c.example.com.", type: .a, .rcode(rcode)))
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("a.b.c.example.com.", .txt))

    #expect(result.answerLines == ["a.b.c.example.com. 3600 TXT \"deep\""])
    #expect(
      internet.lines.suffix(2) == [
        "192.0.2.1 c.example.com. A",
        "192.0.2.1 a.b.c.example.com. TXT",
      ])
  }

  @Test func aTimedOutMinimisedQueryIsRetriedWithTheFullNameAtTheNextServer() async throws {
    let once = Once()
    let timeoutFirst = Respond { request in request.name == "c.example.com." && once.take() ? .timeout : nil }
    let internet = TestInternet.withExample(
      com: "example.com. NS ns2.example.com.\nns2.example.com. A 192.0.2.2")
    for address in ["192.0.2.1", "192.0.2.2"] {
      internet.network.server(address) {
        timeoutFirst
        TestInternet.zone("example.com.", "a.b.c TXT \"deep\"")
      }
    }
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("a.b.c.example.com.", .txt))

    #expect(result.answerLines == ["a.b.c.example.com. 3600 TXT \"deep\""])
    let last = internet.network.log.suffix(2)
    #expect(last.map { "\($0.question.name) \($0.question.type)" } == ["c.example.com. A", "a.b.c.example.com. TXT"])
    #expect(Set(last.map(\.server)).count == 2)
  }

  /// Servers that say NXDOMAIN for empty non-terminals, without their SOA or without AA.
  static let brokenDenials: [@Sendable (inout Message) -> Void] = [
    {
      $0.rcode = .nxDomain
      $0.authorities = []
    },
    {
      $0.rcode = .nxDomain
      $0.flags.remove(.aa)
    },
  ]

  @Test(arguments: 0..<2)
  func aDoubtfulNXDOMAINForAMinimisedNameIsCheckedWithTheFullName(broken: Int) async {
    let internet = Self.deepName(Respond(to: "c.example.com.", type: .a, .modify(Self.brokenDenials[broken])))
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("a.b.c.example.com.", .txt))

    #expect(result.rcode == .noError)
    #expect(result.answerLines == ["a.b.c.example.com. 3600 TXT \"deep\""])
    #expect(internet.lines.suffix(2) == ["192.0.2.1 c.example.com. A", "192.0.2.1 a.b.c.example.com. TXT"])
    #expect(resolver.caches.negative.lookup(name("c.example.com."), .a) == nil)
  }

  @Test func anAuthoritativeNXDOMAINForAnAncestorEndsTheResolution() async {
    let internet = Self.deepName()
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("x.y.nope.example.com.", .txt))

    #expect(result.rcode == .nxDomain)
    #expect(result.answers.isEmpty)
    #expect(result.authorities.count == 1)
    #expect(internet.lines.last == "192.0.2.1 nope.example.com. A")

    // RFC 8020 in the cache too: nothing below nope.example.com. is asked for again.
    internet.network.clearLog()
    #expect(await resolver.resolve(question("other.nope.example.com.", .aaaa)).rcode == .nxDomain)
    #expect(internet.lines.isEmpty)
  }

  @Test func anAliasAtAnIntermediateNameStopsMinimising() async {
    let internet = TestInternet.withExample("c CNAME www\na.b.c TXT \"odd\"")
    let resolver = internet.resolver()

    _ = await resolver.resolve(question("a.b.c.example.com.", .txt))

    #expect(internet.lines.suffix(2) == ["192.0.2.1 c.example.com. A", "192.0.2.1 a.b.c.example.com. TXT"])
  }

  @Test func noMoreThanTenMinimisedQueriesAreSentForOneName() async {
    let labels = (1...14).map { "l\($0)" }.joined(separator: ".")
    let internet = TestInternet.withExample("\(labels) TXT \"long\"")
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("\(labels).example.com.", .txt))

    #expect(result.answers.count == 1)
    let toExample = internet.network.log.filter { $0.server.address.description == "192.0.2.1" }
    #expect(toExample.count == 11)
    #expect(toExample.last?.question.type == .txt)
  }
}
