import Glibc
import SystemPackage

/// Where a command's input comes from (`load-cache`), opened by the client with its own credentials, so
/// the daemon needs no read access to the operator's files.
public enum InputSource: Hashable, Sendable, CustomStringConvertible {
  /// `-`: the client's standard input (a duplicate of descriptor 0).
  case standardInput
  /// A file path, relative to the client's working directory or absolute.
  case file(String)

  /// `-` is standard input, anything else a path.
  public init(_ argument: String) {
    self = argument == "-" ? .standardInput : .file(argument)
  }

  public var description: String {
    switch self {
    case .standardInput: "standard input"
    case .file(let path): path
    }
  }

  /// Opens the source for reading (`O_RDONLY|O_CLOEXEC`); a directory is refused here rather than by
  /// the daemon's first read.
  public func open() throws(ControlFileError) -> OpenedFile {
    switch self {
    case .standardInput:
      return OpenedFile(
        descriptor: try StandardStream.duplicate(0, name: "standard input", writing: false), createdPath: nil)
    case .file(let path):
      let descriptor: FileDescriptor
      do {
        descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec])
      } catch {
        throw ControlFileError(path: path, error as? Errno ?? .ioError)
      }
      var status = stat()
      if fstat(descriptor.rawValue, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR {
        _ = Glibc.close(descriptor.rawValue)
        throw .isDirectory(path)
      }
      return OpenedFile(descriptor: descriptor, createdPath: nil)
    }
  }
}
