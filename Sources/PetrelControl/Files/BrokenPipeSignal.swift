import Glibc
import SystemPackage

/// Writing to a pipe whose reader has gone raises `SIGPIPE`, which kills a process that does not ignore
/// it, and `write` has no `MSG_NOSIGNAL`. So the signal is blocked in the writing thread for the call and
/// consumed if the call raised it: the daemon sees `EPIPE`, and no process-wide signal setting changes.
enum BrokenPipeSignal {
  /// Runs `body` (one `write`, returning its result and `errno`) with `SIGPIPE` held off.
  static func suppressed(_ body: () -> (Int, CInt)) -> (Int, CInt) {
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var previousMask = sigset_t()
    pthread_sigmask(SIG_BLOCK, &pipeSignal, &previousMask)
    defer { pthread_sigmask(SIG_SETMASK, &previousMask, nil) }

    var pending = sigset_t()
    sigpending(&pending)
    let alreadyPending = sigismember(&pending, SIGPIPE) == 1

    let (result, error) = body()
    if result < 0 && error == EPIPE && !alreadyPending {
      var noWait = timespec(tv_sec: 0, tv_nsec: 0)
      while sigtimedwait(&pipeSignal, nil, &noWait) < 0 && errno == EINTR {}
    }
    return (result, error)
  }
}
