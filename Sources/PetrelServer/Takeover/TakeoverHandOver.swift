/// What the running daemon learns when a takeover succeeds: who serves now, and how long it may drain.
/// Passed to the daemon's hand-over action, which stops reading, drains and exits.
public struct TakeoverHandOver: Sendable, Equatable {
  /// The new daemon's process ID, as the kernel recorded it at `connect` (`SO_PEERCRED`).
  public var newProcessID: Int32
  /// How the descriptors went: `pidfd_getfd` or `scm-rights`.
  public var transfer: String
  /// The most time draining may take.
  public var drainTimeout: Duration
}
