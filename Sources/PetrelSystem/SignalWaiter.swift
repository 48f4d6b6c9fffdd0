import Glibc

/// Delivers the termination signals (`SIGTERM`, `SIGINT`) to one waiting thread instead of to a handler.
///
/// The daemon blocks `SIGTERM` and `SIGINT` while it is still single-threaded, so that every thread created
/// later (event loops, the concurrency pool) inherits the mask and none of them is interrupted; the main thread
/// then sleeps in `sigwait` until one arrives and shuts down in ordinary code — no async-signal-safety rules,
/// no handler, no extra thread.
public struct SignalWaiter: Sendable {
  private let signals: [CInt]

  /// Blocks `SIGTERM` and `SIGINT` in the calling thread (and so in every thread it creates afterwards), and
  /// ignores `SIGPIPE`, so that a client closing its connection early is an error on a write, not the end of
  /// the process.
  public init() {
    signals = [SIGTERM, SIGINT]
    var set = Self.makeSet(signals)
    _ = pthread_sigmask(SIG_BLOCK, &set, nil)
    _ = Glibc.signal(SIGPIPE, SIG_IGN)
  }

  /// Sleeps until `SIGTERM` or `SIGINT` is pending and returns its name.
  public func wait() -> String {
    var set = Self.makeSet(signals)
    var received: CInt = 0
    while true {
      let result = sigwait(&set, &received)
      if result == 0 { return received == SIGINT ? "SIGINT" : "SIGTERM" }
      if result != EINTR { return "SIGTERM" }
    }
  }

  private static func makeSet(_ signals: [CInt]) -> sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal) }
    return set
  }
}
