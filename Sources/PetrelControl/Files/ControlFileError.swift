public import SystemPackage

/// Why `petrelctl` could not open the file it was to hand to the daemon. Reported before connecting, so
/// a typing mistake costs nothing on the daemon's side.
public enum ControlFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The output file exists and `--force` was not given.
  case exists(String)
  /// The output file's directory, or the input file, does not exist.
  case missing(String)
  /// The client's user may not create, write or read it.
  case permissionDenied(String)
  /// It is a directory.
  case isDirectory(String)
  /// `-` was given but that standard stream is closed or opened the wrong way.
  case standardStream(String)
  /// Any other failure.
  case system(String, Errno)

  public var description: String {
    switch self {
    case .exists(let path): "\(path) already exists (use --force to overwrite it)"
    case .missing(let path): "\(path): no such file or directory"
    case .permissionDenied(let path): "\(path): permission denied"
    case .isDirectory(let path): "\(path) is a directory"
    case .standardStream(let reason): reason
    case .system(let path, let error): "\(path): \(error)"
    }
  }

  /// Maps the `errno` of an `open` of `path`.
  init(path: String, _ error: Errno) {
    switch error {
    case .fileExists: self = .exists(path)
    case .noSuchFileOrDirectory, .notDirectory: self = .missing(path)
    case .permissionDenied, .notPermitted: self = .permissionDenied(path)
    case .isDirectory: self = .isDirectory(path)
    default: self = .system(path, error)
    }
  }
}
