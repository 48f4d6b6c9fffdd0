import Glibc

/// A task executor that runs jobs on the one thread that calls ``run(idleInterval:idle:)``: a control
/// session's thread. A command handler is `async` (it may await the resolver's caches), yet its blocking
/// writes to a slow pipe or a full disk then happen on the session's own thread, never on one of the
/// few threads of the Swift concurrency pool, where they would stall query resolution.
///
/// Jobs enqueued after the session stopped running (an unstructured task the handler left behind) go to
/// the global concurrent executor instead of being lost.
final class SessionExecutor: TaskExecutor, @unchecked Sendable {
  private struct State {
    var jobs: [UnownedJob] = []
    var finished = false
    var running = true
  }

  private enum Step {
    case run(UnownedJob)
    case idle
    case done
  }

  private let state = LockedCondition(State())

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    let accepted = state.withLock { state in
      guard state.running else { return false }
      state.jobs.append(job)
      return true
    }
    if !accepted { globalConcurrentExecutor.enqueue(ExecutorJob(job)) }
  }

  /// Marks the work as finished: ``run(idleInterval:idle:)`` returns once no job is left.
  func finish() {
    state.withLock { $0.finished = true }
  }

  /// Runs jobs on the calling thread until ``finish()`` was called and the queue is empty. Whenever
  /// `idleInterval` passes without a job, calls `idle` (the session checks whether its client left).
  func run(idleInterval: Duration, idle: () -> Void) {
    while true {
      let step: Step = state.wait(
        until: { !$0.jobs.isEmpty || $0.finished }, timeout: idleInterval,
        then: { state, ready in
          if !state.jobs.isEmpty { return .run(state.jobs.removeFirst()) }
          guard ready else { return .idle }
          state.running = false
          return .done
        })
      switch step {
      case .run(let job): job.runSynchronously(on: asUnownedTaskExecutor())
      case .idle: idle()
      case .done: return
      }
    }
  }
}
