public import SystemPackage

/// Why the control socket could not be created. Start-up reports it and refuses to run, so each case says
/// what the operator has to fix.
public enum ControlBindError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Empty, longer than `sun_path` allows (107 bytes), or containing a NUL byte.
  case invalidPath(String)
  /// Something answered on the existing socket: another daemon is running there.
  case inUse(String)
  /// The path exists and is not a socket; it is left alone.
  case notASocket(String)
  /// A system call failed.
  case system(operation: String, path: String, Errno)

  public var description: String {
    switch self {
    case .invalidPath(let path):
      "'\(path)' cannot be a control socket path (empty, NUL byte, or longer than "
        + "\(UnixSocketPath.maximumLength) bytes)"
    case .inUse(let path): "\(path) is in use: another daemon answers on it"
    case .notASocket(let path): "\(path) exists and is not a socket; remove it or choose another path"
    case .system(let operation, let path, let error): "\(operation) \(path): \(error)"
    }
  }
}
