import Glibc
public import Logging
import PetrelSystem

extension DaemonTakeover {
  /// Once this daemon's listeners are set up (not reading yet): tells the running daemon it is ready, starts
  /// reading once the running daemon has stopped, then watches it drain and exit on a thread of its own
  /// (ending it through its pidfd if it outlives its drain time by ten seconds). Returns false — this daemon must then stop serving and exit non-zero, the running one
  /// goes on — when it did not accept, or when a termination signal is already pending here.
  public static func finish(
    _ pending: PendingTakeover, server: RunningServer, hooks: TakeoverTestHooks, logger: Logger
  ) -> Bool {
    if hooks.failBeforeReady {
      logger.critical("test hook: exiting before telling the running daemon that this one is ready")
      _exit(TakeoverTestHooks.failBeforeReadyStatus)
    }
    if terminationPending() {
      pending.abort(reason: "the new daemon was told to stop")
      logger.critical("takeover given up: a termination signal arrived during it; the running daemon goes on")
      return false
    }
    do {
      try pending.ready { server.startReading() }
    } catch {
      logger.critical("takeover failed; the running daemon goes on serving", metadata: ["reason": "\(error)"])
      return false
    }
    let previous = pending.previousProcessID
    logger.notice(
      "takeover complete: serving; the previous daemon drains and exits",
      metadata: ["previous-pid": "\(previous)", "transfer": "\(pending.transfer)"])
    let watch = PreviousDaemonWatch(process: pending.previous)
    let limit = pending.drainTimeout + .seconds(10)
    let started = SystemThread.detach {
      let outcome = watch.waitForExit(timeout: limit)
      logger.notice("the previous daemon (pid \(previous)) \(outcome)")
      try? watch.process.close()
    }
    if !started { logger.warning("cannot watch the previous daemon (pid \(previous)): no thread") }
    return true
  }

  /// Whether SIGTERM or SIGINT is pending (blocked, waiting for the main thread's `sigwait`).
  private static func terminationPending() -> Bool {
    var pending = sigset_t()
    sigemptyset(&pending)
    guard sigpending(&pending) == 0 else { return false }
    return sigismember(&pending, SIGTERM) == 1 || sigismember(&pending, SIGINT) == 1
  }
}
