import SystemPackage

/// What can go wrong moving frames over a control connection, at the level both ends share; the client
/// and the server each turn these into their own, more specific errors and log lines.
enum ControlConnectionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Nothing arrived (or nothing could be sent) before the deadline.
  case timedOut
  /// The peer closed the connection (end of stream, `EPIPE`, `ECONNRESET`).
  case closed
  /// The bytes are not a valid frame.
  case frame(ControlFrameError)
  /// Descriptors arrived anywhere but with a request header, or more than there was room for.
  case descriptorsRefused(String)
  /// Any other failure of a system call.
  case system(Errno)

  var description: String {
    switch self {
    case .timedOut: "timed out"
    case .closed: "the peer closed the connection"
    case .frame(let error): "\(error)"
    case .descriptorsRefused(let reason): reason
    case .system(let error): "\(error)"
    }
  }
}
