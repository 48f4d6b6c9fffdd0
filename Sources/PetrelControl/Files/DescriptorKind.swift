import Glibc
import SystemPackage

/// What a received descriptor refers to, as far as writing and reading to it differ: a file never makes
/// the daemon wait for another process, a pipe, socket or terminal can, and only a pipe raises `SIGPIPE`
/// with no way to ask for `EPIPE` instead.
enum DescriptorKind: Hashable, Sendable {
  /// A regular file or block device: always ready; written in large chunks, synced at the end.
  case file(regular: Bool)
  /// A pipe or FIFO.
  case pipe
  /// A socket: written with `MSG_NOSIGNAL | MSG_DONTWAIT`.
  case socket
  /// A character device (a terminal, `/dev/null`, `/dev/full`).
  case device

  init(of descriptor: FileDescriptor) throws(Errno) {
    var status = stat()
    guard fstat(descriptor.rawValue, &status) == 0 else { throw Errno(rawValue: errno) }
    switch status.st_mode & S_IFMT {
    case S_IFREG: self = .file(regular: true)
    case S_IFBLK: self = .file(regular: false)
    case S_IFIFO: self = .pipe
    case S_IFSOCK: self = .socket
    default: self = .device
    }
  }

  /// Whether I/O may have to wait for another process (then the daemon waits with `poll`, watching its
  /// control client too).
  var mayWait: Bool { if case .file = self { false } else { true } }

  /// The largest single `write` that cannot block once `poll` reported the descriptor writable: for a
  /// pipe that is `PIPE_BUF` (a free page is all `POLLOUT` promises).
  var writeChunk: Int {
    switch self {
    case .file: Int.max
    case .socket: Int.max  // MSG_DONTWAIT: a partial write instead of a wait
    case .pipe, .device: Int(PIPE_BUF)
    }
  }
}
