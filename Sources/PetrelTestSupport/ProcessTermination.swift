/// How a process a test stopped (or watched) ended, for the test to check and print.
///
/// Shared by the harnesses that start real daemons (integration lab, privileges), which all stop them the same
/// way: SIGTERM, a bounded wait, SIGKILL only if it did not go.
public enum ProcessTermination: Equatable, Sendable, CustomStringConvertible {
  case exited(Int32)
  case signalled(Int32)
  /// It ignored SIGTERM and was killed.
  case killedAfterTimeout

  /// Reads a `waitpid` status.
  public init(waitStatus status: Int32) {
    let signal = status & 0x7F
    self = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
  }

  public var description: String {
    switch self {
    case .exited(let code): "exit \(code)"
    case .signalled(let signal): "killed by signal \(signal)"
    case .killedAfterTimeout: "ignored SIGTERM, killed"
    }
  }
}
