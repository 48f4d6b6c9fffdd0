import Logging
import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct TracingTests {
  @Test func aTraceTellsEveryStepInOneLineEach() async {
    let internet = TestInternet.withExample()
    let resolver = internet.resolver()
    let tracer = TraceRecorder()

    _ = await resolver.resolve(question("www.example.com."), options: ResolutionOptions(tracer: tracer))

    let lines = tracer.lines
    #expect(lines.allSatisfy { !$0.contains("\n") })
    #expect(lines.first == "decide priming the root NS set from the hints")
    #expect(lines.contains("query 198.41.0.4:53 udp . NS"))
    #expect(lines.contains("response 192.0.2.1:53 NOERROR [qr aa] 1 answer, 0 authority, 0 additional in 10 ms"))
    #expect(lines.contains("decide referral to example.com."))
    #expect(lines.last == "finished NOERROR")
    #expect(lines.filter { $0.hasPrefix("query ") }.count == internet.lines.count)

    let again = TraceRecorder()
    _ = await resolver.resolve(question("www.example.com."), options: ResolutionOptions(tracer: again))
    #expect(again.lines == ["cache www.example.com. A", "finished NOERROR"])
  }

  @Test func rejectionsTimeoutsAndDecisionsAreTraced() async {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      Respond(to: "www.example.com.", over: .udp, .truncated)
      Respond(to: "gone.example.com.", .timeout)
      Respond(to: "odd.example.com.", .modify { $0.id &+= 7 })
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    let resolver = internet.resolver()
    let tracer = TraceRecorder()
    let options = ResolutionOptions(tracer: tracer)

    _ = await resolver.resolve(question("www.example.com."), options: options)
    _ = await resolver.resolve(question("gone.example.com."), options: options)
    _ = await resolver.resolve(question("odd.example.com."), options: options)

    let lines = tracer.lines
    #expect(lines.contains("decide 192.0.2.1:53 truncated the response: retrying over TCP"))
    #expect(lines.contains("query 192.0.2.1:53 tcp www.example.com. A"))
    #expect(lines.contains("timeout 192.0.2.1:53"))
    #expect(lines.contains { $0.hasPrefix("rejected 192.0.2.1:53: ID ") })
    #expect(lines.filter { $0 == "finished SERVFAIL" }.count == 2)
  }

  @Test(arguments: [Logger.Level.trace, .debug])
  func eventsAreLoggedAtTraceLevelOnly(level: Logger.Level) async {
    let internet = TestInternet.withExample()
    let store = CapturingLogHandler.Store()
    var configuration = ResolverConfiguration()
    configuration.rootHints = TestInternet.hints
    let resolver = Resolver(
      configuration: configuration, transport: internet.network, clock: internet.clock,
      logger: Logger(label: "test") { _ in CapturingLogHandler(store: store, logLevel: level) })

    _ = await resolver.resolve(question("www.example.com."))

    let messages = store.messages.withLock { $0 }
    if level == .trace {
      #expect(messages.contains("www.example.com. IN A: query 192.0.2.1:53 udp www.example.com. A"))
      #expect(messages.last == "www.example.com. IN A: finished NOERROR")
    } else {
      #expect(messages.isEmpty)
    }
  }
}
