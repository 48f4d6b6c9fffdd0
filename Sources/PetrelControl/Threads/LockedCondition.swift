import Glibc

/// State guarded by a mutex, with a condition variable to wait for it to change: what the session and
/// server threads need to hand work to each other and to wait for each other to finish. The waits use the
/// monotonic clock, so setting the system time cannot stretch or cut them.
final class LockedCondition<State>: @unchecked Sendable {
  // Heap-allocated: pthread objects must not move, which a Swift stored property does not promise.
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private var state: State

  init(_ state: State) {
    self.state = state
    pthread_mutex_init(mutex, nil)
    var attributes = pthread_condattr_t()
    pthread_condattr_init(&attributes)
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
    pthread_cond_init(condition, &attributes)
    pthread_condattr_destroy(&attributes)
  }

  deinit {
    pthread_cond_destroy(condition)
    pthread_mutex_destroy(mutex)
    condition.deallocate()
    mutex.deallocate()
  }

  /// Runs `body` with the state locked, then wakes every waiter so it can look at the new state.
  func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
    pthread_mutex_lock(mutex)
    defer {
      pthread_cond_broadcast(condition)
      pthread_mutex_unlock(mutex)
    }
    return try body(&state)
  }

  /// Waits until `ready` is true of the state, then runs `body` on it under the lock. With a `timeout`,
  /// gives up after that long and runs `body` anyway; `ready` tells the caller which happened.
  func wait<Result>(
    until ready: (State) -> Bool,
    timeout: Duration? = nil,
    then body: (inout State, _ ready: Bool) -> Result
  ) -> Result {
    pthread_mutex_lock(mutex)
    defer {
      pthread_cond_broadcast(condition)
      pthread_mutex_unlock(mutex)
    }
    let limit = timeout.map { Self.absoluteTime(after: $0) }
    while !ready(state) {
      if var limit {
        if pthread_cond_timedwait(condition, mutex, &limit) == ETIMEDOUT { break }
      } else {
        pthread_cond_wait(condition, mutex)
      }
    }
    return body(&state, ready(state))
  }

  /// `CLOCK_MONOTONIC` now plus `duration`, as `pthread_cond_timedwait` wants it.
  private static func absoluteTime(after duration: Duration) -> timespec {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    let (seconds, attoseconds) = duration.components
    var result = timespec(
      tv_sec: now.tv_sec + Int(seconds), tv_nsec: now.tv_nsec + Int(attoseconds / 1_000_000_000))
    if result.tv_nsec >= 1_000_000_000 {
      result.tv_sec += 1
      result.tv_nsec -= 1_000_000_000
    }
    return result
  }
}
