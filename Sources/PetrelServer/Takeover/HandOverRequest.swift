import PetrelSystem
import Synchronization

/// How an accepted takeover reaches the running daemon's main thread: the takeover handler records it and
/// sends the process `SIGTERM` through its own pidfd, so that the main thread, asleep in `sigwait`, wakes up
/// and drains instead of stopping as for an ordinary `SIGTERM`.
public final class HandOverRequest: Sendable {
  private let recorded = Mutex<TakeoverHandOver?>(nil)

  public init() {}

  /// The accepted takeover, once there is one.
  public var handOver: TakeoverHandOver? { recorded.withLock { $0 } }

  /// Records `handOver` and wakes the main thread.
  public func request(_ handOver: TakeoverHandOver) {
    recorded.withLock { $0 = handOver }
    let current = try? ProcessDescriptor.current()
    try? current?.sendSignal(.terminate)
    try? current?.close()
  }
}
