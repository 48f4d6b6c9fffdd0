public import PetrelSystem

/// Watches the daemon that was taken over, through its pidfd, until it has exited — and ends it with
/// `SIGKILL` if it outlives its drain time by far. A PID is never used: once that daemon has exited, its
/// pidfd refers to nothing, so a signal through it fails with `ESRCH` even if the PID already names some
/// other process.
public struct PreviousDaemonWatch: Sendable {
  /// How the watch ended.
  public enum Outcome: Sendable, Equatable, CustomStringConvertible {
    /// It exited within the time allowed.
    case exited
    /// It was still there and was sent `SIGKILL`, and then exited.
    case killed
    /// It was still there and was sent `SIGKILL`, but had not exited a second later.
    case killedButStillThere
    /// When the signal was to be sent it had already gone (`ESRCH`): nothing was signalled.
    case alreadyGone
    /// The signal was refused (e.g. `EPERM`: a Landlock domain scoped for signals); it ends on its own timer.
    case cannotSignal(ProcessDescriptorError)
    /// Waiting on the pidfd failed.
    case cannotWait(ProcessDescriptorError)

    public var description: String {
      switch self {
      case .exited: "exited"
      case .killed: "did not exit in time; killed with SIGKILL through its pidfd"
      case .killedButStillThere: "did not exit in time; sent SIGKILL through its pidfd, still there a second later"
      case .alreadyGone: "had already exited when the signal was due (ESRCH through its pidfd); nothing signalled"
      case .cannotSignal(let error): "did not exit in time and cannot be signalled: \(error)"
      case .cannotWait(let error): "cannot be watched: \(error)"
      }
    }
  }

  public let process: ProcessDescriptor

  public init(process: ProcessDescriptor) {
    self.process = process
  }

  /// Waits at most `timeout` for the exit, then ends the process (``end()``).
  public func waitForExit(timeout: Duration) -> Outcome {
    do {
      if try process.waitForExit(timeout: timeout) { return .exited }
    } catch {
      return .cannotWait(error)
    }
    return end()
  }

  /// Sends `SIGKILL` through the pidfd and waits a second for the exit.
  public func end() -> Outcome {
    do {
      try process.sendSignal(.kill)
    } catch .processGone {
      return .alreadyGone
    } catch {
      return .cannotSignal(error)
    }
    let exited = (try? process.waitForExit(timeout: .seconds(1))) ?? false
    return exited ? .killed : .killedButStillThere
  }
}
