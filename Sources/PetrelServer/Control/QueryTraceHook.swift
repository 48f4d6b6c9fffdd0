import PetrelControl
public import PetrelDNS
public import PetrelResolver
import Synchronization
import SystemPackage

/// Where `trace-queries` meets the query path: the pipeline's resolver call asks it for a tracer.
///
/// It sits at the resolver call, not on the packet-cache hit path, and costs one atomic load per resolved
/// query while no trace runs. While one runs, each query whose name matches gets a tracer that queues the
/// resolution's steps, prefixed with a query number and the question, to the ``QueryTraceSession``.
public final class QueryTraceHook: Sendable {
  private let active = Atomic<Bool>(false)
  private let session = Mutex<QueryTraceSession?>(nil)

  public init() {}

  /// The tracer for a client's `question`, or nil when no trace runs or the name does not match.
  @inline(__always)
  public func tracer(for question: Question) -> (any ResolutionTracer)? {
    guard active.load(ordering: .relaxed) else { return nil }
    return matchingTracer(for: question)
  }

  /// The pattern being traced, if any.
  var pattern: String? { session.withLock { $0?.pattern } }

  /// Starts tracing names that match `pattern` into a duplicate of `descriptor`.
  func start(pattern: String, descriptor: FileDescriptor) throws(QueryTraceError) {
    let started: Result<Void, QueryTraceError> = session.withLock { current in
      if let current { return .failure(.alreadyRunning(current.pattern)) }
      do throws(QueryTraceError) {
        current = try QueryTraceSession(pattern: pattern, descriptor: descriptor) { [weak self] ended, _ in
          self?.clear(ended)
        }
        active.store(true, ordering: .releasing)
        return .success(())
      } catch {
        return .failure(error)
      }
    }
    try started.get()
  }

  /// Stops the running trace; nil when none runs.
  func stop() -> (pattern: String, written: Int, dropped: Int)? {
    let stopped = session.withLock { current in
      defer {
        current = nil
        active.store(false, ordering: .releasing)
      }
      return current
    }
    guard let stopped else { return nil }
    let counts = stopped.stop()
    return (stopped.pattern, counts.written, counts.dropped)
  }

  /// Forgets a session that ended on its own (its reader went away).
  private func clear(_ ended: QueryTraceSession) {
    session.withLock { current in
      guard current === ended else { return }
      current = nil
      active.store(false, ordering: .releasing)
    }
  }

  private func matchingTracer(for question: Question) -> (any ResolutionTracer)? {
    guard let current = session.withLock({ $0 }) else { return nil }
    let name = question.name.lowercased().description
    guard current.matches(name) else { return nil }
    let prefix = "q\(current.nextQueryNumber()) \(name) \(question.type)"
    current.enqueue("\(prefix) client query")
    return QueuedTracer(session: current, prefix: prefix)
  }
}

/// Queues each step of one traced client query to the running session.
private struct QueuedTracer: ResolutionTracer {
  let session: QueryTraceSession
  let prefix: String

  func record(_ event: ResolutionEvent) {
    session.enqueue("\(prefix) \(event)")
  }
}

/// The daemon's resolver as the query pipeline calls it, with the `trace-queries` hook in front.
public struct TracedQueryResolver: QueryResolving {
  public let resolver: Resolver
  public let hook: QueryTraceHook

  public init(resolver: Resolver, hook: QueryTraceHook) {
    self.resolver = resolver
    self.hook = hook
  }

  public func resolve(_ question: Question) async -> ResolutionResult {
    await resolver.resolve(question, options: ResolutionOptions(tracer: hook.tracer(for: question)))
  }
}
