import ArgumentParser
import PetrelControl

/// `petrelctl`'s exit statuses, one per kind of failure, so that scripts can tell "the daemon said no"
/// from "the daemon is not there" (documented in `docs/petrelctl.md`).
enum ExitStatus: Int32 {
  case success = 0
  case commandFailed = 1
  case refused = 2
  case unreachable = 3
  case timedOut = 4
  case protocolError = 5
  case fileError = 6
  case usage = 64

  var exitCode: ExitCode { ExitCode(rawValue) }

  init(_ error: ControlClientError) {
    switch error {
    case .invalidRequest, .invalidSocketPath: self = .usage
    case .daemonNotRunning, .permissionDenied, .system: self = .unreachable
    case .refused: self = .refused
    case .timedOut: self = .timedOut
    case .versionMismatch, .closedByDaemon, .protocolViolation: self = .protocolError
    }
  }
}
