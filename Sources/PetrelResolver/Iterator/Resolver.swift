public import Logging
public import PetrelDNS

/// The recursive resolver: answers a question from the caches or by iterating from the root.
///
/// The one entry point the server's query path and `petrelctl trace` use. It holds no per-query state: every
/// `resolve` builds its own (budget, failed servers, tracer) and shares only the caches, so any number of
/// resolutions may run at once. All network traffic goes through `transport`.
public final class Resolver: Sendable {
  public let caches: ResolverCaches
  private let engine: IterationEngine
  private let logger: Logger

  /// - Parameters:
  ///   - caches: the caches to use; nil builds them from `configuration`.
  ///   - random: where upstream query IDs come from; tests inject predictable ones.
  public init(
    configuration: ResolverConfiguration, transport: any UpstreamTransport, clock: any ResolverClock = WallClock(),
    caches: ResolverCaches? = nil, logger: Logger = Logger(label: "petrel.resolver"),
    random: any QueryIDSource = SystemQueryIDSource()
  ) {
    let caches = caches ?? ResolverCaches(configuration: configuration, clock: clock)
    self.caches = caches
    self.logger = logger
    engine = IterationEngine(
      environment: ResolverEnvironment(
        configuration: configuration, transport: transport, clock: clock, caches: caches, queryIDs: random))
  }

  /// Resolves `question`: NOERROR with the answer, NXDOMAIN or NODATA with the SOA, or SERVFAIL with an
  /// extended error saying why. Never throws and never waits longer than the time budget allows.
  public func resolve(_ question: Question, options: ResolutionOptions = .init()) async -> ResolutionResult {
    let logger = self.logger
    let context = ResolutionContext(
      options: options,
      budget: ResolutionBudget(
        limits: engine.environment.configuration.budgets, start: engine.environment.clock.now()),
      log: logger.logLevel <= .trace ? { event in logger.trace("\(question): \(event)") } : nil)
    let result = await engine.resolve(question, depth: 0, context: context)
    context.trace(.finished(rcode: result.rcode))
    return result
  }
}
