import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The time the caches age by, in whole seconds since the epoch.
///
/// Injectable so that scenario replays can move time on (`TIME_PASSES`) without waiting; in the daemon it is
/// the wall clock read through libc's `time()`, as in Unbound and PowerDNS, so that external test harnesses that
/// shift time with preloaded libraries (faketime) work too.
public protocol ResolverClock: Sendable {
  func now() -> Int64
}

/// The system wall clock.
public struct WallClock: ResolverClock {
  public init() {}
  public func now() -> Int64 { Int64(time(nil)) }
}

/// A clock that only moves when told to: for tests and scenario replay.
public final class ManualClock: ResolverClock {
  private let current: Mutex<Int64>

  public init(now: Int64 = 1_700_000_000) { current = Mutex(now) }

  public func now() -> Int64 { current.withLock { $0 } }

  public func advance(by seconds: Int64) { current.withLock { $0 += seconds } }

  public func set(_ seconds: Int64) { current.withLock { $0 = seconds } }
}
