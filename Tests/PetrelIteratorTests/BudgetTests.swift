import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct BudgetTests {
  @Test func upstreamQueriesPerClientQueryAreLimited() async {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver { $0.budgets.upstreamQueries = 3 }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(
      result.extendedError == ExtendedDNSError(code: .otherError, extraText: "upstream query budget (3) exhausted"))
    #expect(internet.lines.count == 3)
  }

  @Test func theQueryBudgetIncludesNameserverAddressResolutions() async {
    let internet = ReferralTests.gluelessTwice()
    let resolver = internet.resolver { $0.budgets.upstreamQueries = 6 }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(internet.lines.count == 6)
  }

  @Test func referralsAreLimited() async {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver { $0.budgets.referrals = 1 }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(result.extendedError?.extraText == "referral budget (1) exhausted")
    #expect(internet.lines.last == "192.5.6.30 example.com. A")
  }

  @Test func theTotalTimeIsLimited() async {
    // Every query to example.com.'s server takes four seconds of the resolver's clock before it times out.
    let internet = TestInternet.withExample(
      com: """
        example.com. NS ns2.example.com.
        ns2.example.com. A 192.0.2.2
        example.com. NS ns3.example.com.
        ns3.example.com. A 192.0.2.3
        """)
    let clock = internet.clock
    for address in ["192.0.2.1", "192.0.2.2", "192.0.2.3"] {
      internet.network.server(address) {
        Respond { _ in
          clock.advance(by: 4)
          return .timeout
        }
      }
    }
    let resolver = internet.resolver { $0.budgets.totalTime = .seconds(6) }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(result.extendedError?.extraText == "time budget (6.0 seconds) exhausted")
    #expect(internet.lines.filter { $0.hasPrefix("192.0.2.") }.count == 2)
  }

  @Test func eachQueryWaitsNoLongerThanTheTimeLeft() async {
    let internet = TestInternet.withExample()
    var configuration = ResolverConfiguration()
    configuration.rootHints = TestInternet.hints
    configuration.upstreamTimeout = .seconds(5)
    configuration.budgets.totalTime = .seconds(3)
    let recorder = TimeoutRecorder(inner: internet.network)
    let resolver = Resolver(configuration: configuration, transport: recorder, clock: internet.clock)

    _ = await resolver.resolve(question("www.example.com."))

    #expect(recorder.timeouts == [.seconds(3), .seconds(3), .seconds(3), .seconds(3)])
  }
}
