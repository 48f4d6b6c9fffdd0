import Foundation
import Synchronization

/// A boolean one thread sets and another reads.
final class Flag: Sendable {
  private let value = Atomic<Bool>(false)

  func set() { value.store(true, ordering: .releasing) }
  var isSet: Bool { value.load(ordering: .acquiring) }
}

/// Opens, closes, waits: a one-shot signal from a test to a handler (or back).
final class Gate: Sendable {
  private let stream: AsyncStream<Void>
  private let continuation: AsyncStream<Void>.Continuation

  init() {
    (stream, continuation) = AsyncStream.makeStream()
  }

  func open() { continuation.finish() }

  /// Returns once the gate is open, or throws when the task is cancelled.
  func wait() async throws {
    for await _ in stream {}
    try Task.checkCancellation()
  }
}

/// Waits (with a generous bound) until `condition` holds; for state another thread changes. Sleeps
/// between looks instead of blocking, so the concurrency pool stays free for the test's other tasks.
func eventually(waitingUpTo bound: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
  let limit = ContinuousClock.now + bound
  while !condition() {
    if ContinuousClock.now > limit { return false }
    try? await Task.sleep(for: .milliseconds(1))
  }
  return true
}

/// Runs blocking work on a thread of its own (not the concurrency pool) and waits for its result.
func onThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
  await withCheckedContinuation { continuation in
    Thread.detachNewThread { continuation.resume(returning: body()) }
  }
}
