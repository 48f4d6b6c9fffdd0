import Glibc
import SystemPackage

/// Where a command's output goes, opened by the client with the client's own credentials, umask and
/// working directory: the daemon can create no file, it only writes to the descriptor it is handed.
public enum OutputTarget: Hashable, Sendable, CustomStringConvertible {
  /// `-`: the client's standard output (a duplicate of descriptor 1).
  case standardOutput
  /// A file path, relative to the client's working directory or absolute.
  case file(String)

  /// `-` is standard output, anything else a path.
  public init(_ argument: String) {
    self = argument == "-" ? .standardOutput : .file(argument)
  }

  public var description: String {
    switch self {
    case .standardOutput: "standard output"
    case .file(let path): path
    }
  }

  /// Opens the target for writing.
  ///
  /// A file is opened `O_WRONLY|O_CREAT|O_EXCL|O_CLOEXEC` with mode 0666 before the umask, so an existing
  /// file (or a symbolic link planted in its place) is never overwritten; with `overwrite` (`--force`)
  /// `O_TRUNC` replaces `O_EXCL`.
  public func open(overwrite: Bool = false) throws(ControlFileError) -> OpenedFile {
    switch self {
    case .standardOutput:
      return OpenedFile(
        descriptor: try StandardStream.duplicate(1, name: "standard output", writing: true), createdPath: nil)
    case .file(let path):
      let options: FileDescriptor.OpenOptions = [.create, .closeOnExec, overwrite ? .truncate : .exclusiveCreate]
      let existed = overwrite && access(path, F_OK) == 0
      do {
        let descriptor = try FileDescriptor.open(
          path, .writeOnly, options: options, permissions: FilePermissions(rawValue: 0o666))
        return OpenedFile(descriptor: descriptor, createdPath: existed ? nil : path)
      } catch {
        throw ControlFileError(path: path, error as? Errno ?? .ioError)
      }
    }
  }
}

/// Duplicating the client's standard streams for the daemon.
enum StandardStream {
  /// A close-on-exec duplicate of `number`, checked to be open the right way.
  static func duplicate(_ number: CInt, name: String, writing: Bool) throws(ControlFileError) -> FileDescriptor {
    let raw = fcntl(number, F_DUPFD_CLOEXEC, 3)
    guard raw >= 0 else { throw .standardStream("\(name) is not open (\(Errno(rawValue: errno)))") }
    let descriptor = FileDescriptor(rawValue: raw)
    let mode = try? DescriptorAccessMode(of: descriptor)
    guard let mode, writing ? mode.allowsWriting : mode.allowsReading else {
      _ = Glibc.close(raw)
      throw .standardStream("\(name) is not open for \(writing ? "writing" : "reading")")
    }
    return descriptor
  }
}
