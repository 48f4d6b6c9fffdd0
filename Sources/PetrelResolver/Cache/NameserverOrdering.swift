/// The order in which to try a delegation's servers, best first.
///
/// A separate rule so that selection can be read and tested apart from the bookkeeping: unthrottled servers
/// before throttled ones; among the unthrottled the lowest smoothed RTT first (unknown servers at the policy's
/// initial guess, so they get tried), ties in the given order; the throttled by the soonest end of their
/// throttle. Now and then (the policy's exploration probability) a random unthrottled server other than the
/// best goes first, so that estimates of the others do not go stale.
struct NameserverOrdering {
  /// What is known of one candidate when ordering.
  struct Candidate {
    var server: UpstreamServer
    var smoothedRTT: Duration
    /// Nil when the server may be asked now.
    var throttledUntil: Int64?
  }

  var policy: NameserverPolicy
  /// Uniform in [0, 1): first asked whether to explore, then which server to explore with.
  var random: @Sendable () -> Double

  func order(_ candidates: [Candidate]) -> [UpstreamServer] {
    let indexed = candidates.enumerated()
    var usable = indexed.filter { $0.element.throttledUntil == nil }
    var throttled = indexed.filter { $0.element.throttledUntil != nil }
    usable.sort { ($0.element.smoothedRTT, $0.offset) < ($1.element.smoothedRTT, $1.offset) }
    throttled.sort { ($0.element.throttledUntil ?? 0, $0.offset) < ($1.element.throttledUntil ?? 0, $1.offset) }
    if usable.count > 1 && random() < policy.explorationProbability {
      let others = usable.count - 1
      let pick = 1 + min(others - 1, max(0, Int(random() * Double(others))))
      usable.insert(usable.remove(at: pick), at: 0)
    }
    return (usable + throttled).map(\.element.server)
  }
}
