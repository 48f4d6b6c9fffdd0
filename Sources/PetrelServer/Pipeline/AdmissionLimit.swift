import Synchronization

/// A count of things in progress with a ceiling, shared by every event loop.
///
/// Bounds what a flood of clients can make the daemon hold at once: resolutions running (beyond the limit
/// new ones get SERVFAIL at once) and TCP connections open (beyond it new ones are closed).
public final class AdmissionLimit: Sendable {
  /// The most admitted at once.
  public let maximum: Int
  private let current = Atomic<Int>(0)

  public init(maximum: Int) {
    self.maximum = max(0, maximum)
  }

  /// How many are admitted now.
  public var count: Int { current.load(ordering: .relaxed) }

  /// Admits one more if below the ceiling.
  public func tryAcquire() -> Bool {
    var value = current.load(ordering: .relaxed)
    while value < maximum {
      let (exchanged, original) = current.compareExchange(
        expected: value, desired: value + 1, ordering: .acquiringAndReleasing)
      if exchanged { return true }
      value = original
    }
    return false
  }

  /// Lets one go.
  public func release() {
    current.subtract(1, ordering: .acquiringAndReleasing)
  }
}
