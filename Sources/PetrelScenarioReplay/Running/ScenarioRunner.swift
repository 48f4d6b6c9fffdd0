public import Logging
import PetrelDNS
import PetrelResolver
import PetrelTestSupport

/// Plays a scenario against the real `Resolver`: client queries go to it, its upstream queries to the
/// scenario's fake servers, its answers are built into responses as petreld builds them and checked.
///
/// The resolver gets the caches petreld would build from the same configuration, with one change for
/// repeatability: the nameserver cache never explores (it always asks the best-known server first). Time is a
/// `ManualClock` that only `TIME_PASSES` moves. The run fails at the first step that goes wrong: a check whose
/// `MATCH` fields differ, an upstream query the scenario did not foresee, or any upstream query sent before the
/// first client query (a resolver must not start talking on its own).
public struct ScenarioRunner: Sendable {
  public let scenario: Scenario
  public let mode: MinimisationMode
  /// Where the resolver logs; at `trace` level every step of every resolution is logged.
  public var logger: Logger

  public init(scenario: Scenario, mode: MinimisationMode, logger: Logger = Logger(label: "petrel.replay")) {
    self.scenario = scenario
    self.mode = mode
    self.logger = logger
  }

  public func run() async -> ScenarioOutcome {
    if let reason = ValidationRequirement.reason(for: scenario) { return .skipped(reason) }
    do {
      try await play()
      return .passed
    } catch {
      return .failed(error)
    }
  }

  private func play() async throws(ScenarioFailure) {
    let settings = scenario.configuration
    guard settings.stubAddress != nil || !settings.forwardAddresses.isEmpty else {
      throw ScenarioFailure(message: "the configuration has no stub-addr (nor forward-addr): no server to start at")
    }
    let network = ReplayNetwork(scenario: scenario)
    let clock = ManualClock(now: ReplayResolverSetup.startTime(for: scenario))
    let configuration = ReplayResolverSetup.configuration(for: scenario, mode: mode)
    let configured = ResolverCaches(configuration: configuration, clock: clock)
    let caches = ResolverCaches(
      records: configured.records, negative: configured.negative,
      nameservers: NameserverCache(capacity: configuration.nameserverCacheSize, clock: clock, random: { 0.999 }))
    let resolver = Resolver(
      configuration: configuration, transport: network, clock: clock, caches: caches, logger: logger,
      random: SequentialQueryIDs())
    var client = ReplayClient(resolver: resolver)
    for step in scenario.steps {
      network.move(toStep: step.id)
      let sentBefore = network.exchanges.count
      func failure(_ message: String) -> ScenarioFailure {
        ScenarioFailure(step: step.id, line: step.line, message: message)
      }
      switch step.action {
      case .query(let entry):
        if client.queriesSent == 0 && sentBefore > 0 {
          throw failure(
            "the resolver sent \(sentBefore) upstream queries before its first client query:\n"
              + network.exchanges.map { "  \($0)" }.joined(separator: "\n"))
        }
        await client.ask(entry, step: step.id)
      case .checkAnswer(let entry):
        if let problem = client.check(entry) {
          let log = network.exchanges.filter { $0.step >= client.lastQueryStep }.map { "  \($0)" }
          throw failure(
            "CHECK_ANSWER (entry line \(entry.line)) does not match\n\(problem)\nupstream queries for that query:\n"
              + (log.isEmpty ? "  (none)" : log.joined(separator: "\n")))
        }
      case .timePasses(let seconds):
        clock.advance(by: seconds)
      case .reply, .checkOutQuery:
        break
      }
      let unexpected = network.exchanges[sentBefore...].filter(\.isUnexpected)
      if !unexpected.isEmpty {
        throw failure(
          "upstream queries the scenario does not answer:\n" + unexpected.map { "  \($0)" }.joined(separator: "\n"))
      }
    }
  }
}
