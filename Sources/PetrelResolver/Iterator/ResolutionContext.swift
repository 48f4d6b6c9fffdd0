import PetrelDNS

/// The mutable state of one client query's resolution, shared by the resolutions it starts for nameserver
/// addresses: the budget, the servers that failed, the questions in progress, and the tracer.
///
/// A class confined to the task running the resolution (it is never shared between tasks), so that nested
/// resolutions spend from the same budget and skip the same broken servers.
final class ResolutionContext {
  /// A server that failed for a zone during this resolution, and is not asked for it again.
  struct FailedServer: Hashable {
    var zone: DomainName
    var server: UpstreamServer
  }

  let bypassCache: Bool
  private let tracer: (any ResolutionTracer)?
  /// Where events go when the logger's level is `trace`; nil otherwise, so that no event is even built.
  private let log: ((ResolutionEvent) -> Void)?
  var budget: ResolutionBudget
  private(set) var failedServers: Set<FailedServer> = []
  /// Questions being resolved further up the stack: asking one again would never end.
  private var inProgress: Set<Question> = []

  init(options: ResolutionOptions, budget: ResolutionBudget, log: ((ResolutionEvent) -> Void)?) {
    bypassCache = options.bypassCache
    tracer = options.tracer
    self.budget = budget
    self.log = log
  }

  /// Reports a step; the event is only built when someone listens (the cache-hit path stays cheap).
  func trace(_ event: @autoclosure () -> ResolutionEvent) {
    guard tracer != nil || log != nil else { return }
    let event = event()
    tracer?.record(event)
    log?(event)
  }

  func markFailed(_ server: UpstreamServer, zone: DomainName) {
    failedServers.insert(FailedServer(zone: zone, server: server))
  }

  func hasFailed(_ server: UpstreamServer, zone: DomainName) -> Bool {
    failedServers.contains(FailedServer(zone: zone, server: server))
  }

  /// Whether any server failed for `zone` during this resolution.
  func hasFailures(in zone: DomainName) -> Bool {
    failedServers.contains { $0.zone == zone }
  }

  /// Runs `body` with failures kept apart: servers that fail inside it are skipped inside it only (priming a
  /// server that refuses `. NS` must not stop the root delegation from being asked with the hints afterwards).
  func isolatingFailures<Result>(_ body: () async -> Result) async -> Result {
    let saved = failedServers
    failedServers = []
    let result = await body()
    failedServers = saved
    return result
  }

  /// Marks `question` as being resolved; false when it already is (a dependency loop).
  func begin(_ question: Question) -> Bool {
    inProgress.insert(question).inserted
  }

  func end(_ question: Question) {
    inProgress.remove(question)
  }
}
