/// What one client query has spent of its `ResolutionBudgets`, shared by every resolution it starts.
///
/// A value of its own so that each limit is checked in one place and the iterator cannot forget one: every
/// upstream query and every referral is paid for here, and the clock is read against the deadline each time.
struct ResolutionBudget {
  let limits: ResolutionBudgets
  /// When the client query started, in the resolver clock's seconds.
  let start: Int64
  private(set) var queriesSent = 0
  private(set) var referralsFollowed = 0

  init(limits: ResolutionBudgets, start: Int64) {
    self.limits = limits
    self.start = start
  }

  /// Pays for one upstream query sent at `now`; the failure when none may be sent any more.
  mutating func spendQuery(now: Int64) -> ResolutionFailure? {
    if let failure = checkTime(now: now) { return failure }
    guard queriesSent < limits.upstreamQueries else {
      return .budgetExhausted("upstream query budget (\(limits.upstreamQueries))")
    }
    queriesSent += 1
    return nil
  }

  /// Pays for following one referral.
  mutating func spendReferral() -> ResolutionFailure? {
    guard referralsFollowed < limits.referrals else {
      return .budgetExhausted("referral budget (\(limits.referrals))")
    }
    referralsFollowed += 1
    return nil
  }

  /// The failure when the total time is used up at `now`.
  func checkTime(now: Int64) -> ResolutionFailure? {
    remainingTime(now: now) == nil ? .budgetExhausted("time budget (\(limits.totalTime))") : nil
  }

  /// How much of the total time is left at `now` (the clock counts whole seconds); nil when none.
  func remainingTime(now: Int64) -> Duration? {
    let remaining = limits.totalTime - .seconds(now - start)
    return remaining > .zero ? remaining : nil
  }
}
