/// Why a server is throttled, which decides what lifts it: a response lifts a timeout throttle, not a failure.
enum ThrottleCause: Sendable, Equatable {
  case timeouts
  case failure
}

/// One server's entry in the nameserver cache: the public statistics plus the state the update rules need.
///
/// The rules themselves (RFC 6298 smoothing, timeout back-off, failure throttling) are the mutating methods
/// here, each a few lines, with the numbers from `NameserverPolicy`.
struct NameserverRecord: ExpiringCacheValue {
  static let timeoutReason = "timeouts"

  var statistics: NameserverStatistics
  /// Whether a round trip has been measured: the first sample replaces the initial guess outright.
  var measured = false
  var throttleCause: ThrottleCause?
  /// Failures counted towards the next failure throttle, and when the last one came.
  var failures = 0
  var lastFailure: Int64 = 0
  /// When the record is forgotten: unused for the policy's lifetime and no throttle left.
  var expiresAt: Int64

  init(server: UpstreamServer, now: Int64, policy: NameserverPolicy) {
    statistics = NameserverStatistics(
      server: server, smoothedRTT: policy.initialRTT, rttVariance: policy.initialRTT / 2, lastUsed: now)
    expiresAt = now + policy.statisticsLifetime
  }

  /// RFC 6298 §2: the first sample sets SRTT = R, RTTVAR = R/2; later ones RTTVAR = ¾ RTTVAR + ¼ |SRTT − R|,
  /// SRTT = ⅞ SRTT + ⅛ R. A response ends a run of timeouts and lifts a timeout throttle.
  mutating func recordResponse(roundTrip: Duration, now: Int64, policy: NameserverPolicy) {
    expireThrottle(now: now)
    let sample = min(max(roundTrip, .zero), policy.maximumRTT)
    if measured {
      let srtt = statistics.smoothedRTT
      let deviation = srtt > sample ? srtt - sample : sample - srtt
      statistics.rttVariance = (statistics.rttVariance * 3 + deviation) / 4
      statistics.smoothedRTT = (srtt * 7 + sample) / 8
    } else {
      statistics.smoothedRTT = sample
      statistics.rttVariance = sample / 2
      measured = true
    }
    statistics.timeouts = 0
    if throttleCause == .timeouts { liftThrottle() }
    touch(now: now, policy: policy)
  }

  /// Doubles SRTT (capped); after enough timeouts in a row throttles for a time that doubles with each more.
  mutating func recordTimeout(now: Int64, policy: NameserverPolicy) {
    expireThrottle(now: now)
    statistics.smoothedRTT = min(statistics.smoothedRTT * 2, policy.maximumRTT)
    statistics.timeouts += 1
    let beyond = statistics.timeouts - policy.timeoutsBeforeThrottle
    if beyond >= 0 && throttleCause != .failure {
      let seconds = policy.throttle(base: policy.timeoutThrottle, doublings: beyond)
      throttle(until: now + seconds, cause: .timeouts, reason: Self.timeoutReason)
    }
    touch(now: now, policy: policy)
  }

  /// Throttles with `reason`, for longer when the previous failure is still remembered (within the maximum
  /// throttle time), so a persistently broken server is asked less and less.
  mutating func recordFailure(reason: String, now: Int64, policy: NameserverPolicy) {
    expireThrottle(now: now)
    failures = now - lastFailure < policy.maximumThrottle && failures > 0 ? failures + 1 : 1
    lastFailure = now
    let seconds = policy.throttle(base: policy.failureThrottle, doublings: failures - 1)
    throttle(until: now + seconds, cause: .failure, reason: reason)
    touch(now: now, policy: policy)
  }

  /// The statistics as of `now`: a throttle that has run out is not reported.
  func statistics(at now: Int64) -> NameserverStatistics {
    var result = statistics
    if let until = result.throttledUntil, until <= now {
      result.throttledUntil = nil
      result.throttleReason = nil
    }
    return result
  }

  func isThrottled(at now: Int64) -> Bool {
    guard let until = statistics.throttledUntil else { return false }
    return now < until
  }

  private mutating func throttle(until: Int64, cause: ThrottleCause, reason: String) {
    statistics.throttledUntil = max(until, statistics.throttledUntil ?? until)
    statistics.throttleReason = reason
    throttleCause = cause
  }

  /// Forgets a throttle that has run out, so that its cause no longer decides anything.
  private mutating func expireThrottle(now: Int64) {
    if !isThrottled(at: now) { liftThrottle() }
  }

  private mutating func liftThrottle() {
    statistics.throttledUntil = nil
    statistics.throttleReason = nil
    throttleCause = nil
  }

  private mutating func touch(now: Int64, policy: NameserverPolicy) {
    statistics.lastUsed = now
    expiresAt = max(now + policy.statisticsLifetime, statistics.throttledUntil ?? now)
  }
}
