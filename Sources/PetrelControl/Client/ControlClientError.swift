public import SystemPackage

/// Why a control request did not produce a response, one case per thing the operator does differently:
/// start the daemon, fix permissions, use the matching `petrelctl`, wait, or report a bug.
public enum ControlClientError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The request breaks its command's rules; nothing was sent.
  case invalidRequest(ControlRequestError)
  /// The socket path cannot be a UNIX socket address.
  case invalidSocketPath(String)
  /// No socket file, or nothing listens on it.
  case daemonNotRunning(path: String, reason: String)
  /// The client's user may not connect to the socket file.
  case permissionDenied(path: String)
  /// The daemon refused the request (not authorised, malformed, busy, …); nothing was done.
  case refused(String)
  /// The daemon speaks another protocol version.
  case versionMismatch(clientVersion: UInt16, daemonVersion: UInt16, message: String?)
  /// Nothing arrived from the daemon for the whole timeout: no progress, no response.
  case timedOut(Duration)
  /// The daemon closed the connection before its response.
  case closedByDaemon
  /// The daemon sent something that is not a valid frame.
  case protocolViolation(String)
  /// Any other failure of a system call.
  case system(operation: String, Errno)

  public var description: String {
    switch self {
    case .invalidRequest(let error): "\(error)"
    case .invalidSocketPath(let path): "'\(path)' is not a valid control socket path"
    case .daemonNotRunning(let path, let reason): "the daemon is not running (\(path): \(reason))"
    case .permissionDenied(let path): "permission denied connecting to \(path)"
    case .refused(let message): "refused by the daemon: \(message)"
    case .versionMismatch(let client, let daemon, let message):
      "protocol version mismatch: this petrelctl speaks version \(client), the daemon speaks version \(daemon)"
        + (message.map { " (daemon says: \($0))" } ?? "")
    case .timedOut(let timeout): "no response or progress from the daemon for \(timeout)"
    case .closedByDaemon: "the daemon closed the connection without a response"
    case .protocolViolation(let reason): "the daemon's reply is not valid: \(reason)"
    case .system(let operation, let error): "\(operation): \(error)"
    }
  }
}
