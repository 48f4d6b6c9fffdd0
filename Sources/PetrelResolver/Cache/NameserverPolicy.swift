/// The numbers behind nameserver selection and back-off, in one value so they can be tuned and tested.
///
/// The defaults follow Unbound's infrastructure cache: an unknown server is assumed to answer in 376 ms, so it
/// is tried before known slow ones; timeouts double the estimate up to a cap; servers that keep timing out or
/// failing are throttled for exponentially longer, capped; statistics unused for 15 minutes are forgotten.
public struct NameserverPolicy: Sendable, Equatable {
  /// The round-trip time assumed for a server never measured.
  public var initialRTT: Duration = .milliseconds(376)
  /// Timeouts double the smoothed RTT up to this.
  public var maximumRTT: Duration = .seconds(12)
  /// Consecutive timeouts after which the server is throttled.
  public var timeoutsBeforeThrottle = 3
  /// Throttle after `timeoutsBeforeThrottle` timeouts, in seconds; doubled for each further timeout.
  public var timeoutThrottle: Int64 = 5
  /// Throttle after a failure (REFUSED, SERVFAIL, lame, FORMERR…), in seconds; doubled for each further failure
  /// that comes while the previous one is remembered.
  public var failureThrottle: Int64 = 10
  /// No throttle lasts longer than this, in seconds.
  public var maximumThrottle: Int64 = 600
  /// Statistics of a server neither used nor throttled for this long, in seconds, are forgotten.
  public var statisticsLifetime: Int64 = 900
  /// The chance that `order` puts a random other unthrottled server first, to keep its estimate fresh.
  public var explorationProbability = 0.05

  public init() {}

  /// `base` doubled `doublings` times, capped at `maximumThrottle`; never negative, never overflowing.
  func throttle(base: Int64, doublings: Int) -> Int64 {
    let cap = max(0, maximumThrottle)
    var seconds = min(max(0, base), cap)
    var remaining = max(0, doublings)
    while remaining > 0 && seconds < cap {
      seconds = seconds > cap / 2 ? cap : seconds * 2
      remaining -= 1
    }
    return seconds
  }
}
