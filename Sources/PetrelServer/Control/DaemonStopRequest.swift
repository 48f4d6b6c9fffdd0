import Glibc
import Synchronization

/// How a control command asked the daemon to stop, and the way that request reaches the main thread.
///
/// The main thread sleeps in `sigwait` for SIGTERM or SIGINT; `quit` and `quit-nicely` record what they want
/// here and send the process SIGTERM, so that every way of stopping goes through the same code. The main thread
/// then reads ``mode`` to choose between the graceful stop (answer what is in flight) and the immediate one.
public final class DaemonStopRequest: Sendable {
  /// What a stop should do.
  public enum Mode: Int, Sendable {
    /// Stop accepting queries and answer those in flight, as for SIGTERM.
    case nicely = 0
    /// Stop at once; queries in flight are dropped.
    case now = 1
  }

  private let requested = Atomic<Int>(-1)

  public init() {}

  /// The mode a control command asked for; nil when the stop came from a signal.
  public var mode: Mode? { Mode(rawValue: requested.load(ordering: .acquiring)) }

  /// Records `mode` and raises SIGTERM for the main thread to collect.
  func request(_ mode: Mode) {
    requested.store(mode.rawValue, ordering: .releasing)
    kill(getpid(), SIGTERM)
  }
}
