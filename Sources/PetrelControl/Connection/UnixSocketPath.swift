import Glibc
import SystemPackage

/// A filesystem path as an `AF_UNIX` address. The kernel's `sun_path` holds at most 107 bytes plus the
/// terminating NUL; a longer path would be cut silently by some callers, so it is refused here instead.
struct UnixSocketPath: Hashable, Sendable {
  /// The most bytes a path may have (`sizeof(sun_path) - 1`).
  static let maximumLength = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

  let path: String

  /// - Returns: `nil` when the path is empty, too long or contains a NUL byte.
  init?(_ path: String) {
    let bytes = Array(path.utf8)
    guard !bytes.isEmpty, bytes.count <= Self.maximumLength, !bytes.contains(0) else { return nil }
    self.path = path
  }

  /// Calls `body` with this path as a `sockaddr` and its length.
  func withAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
    }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count + 1)
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
    }
  }

  /// A new `AF_UNIX` stream socket, close-on-exec.
  static func makeSocket() throws(Errno) -> FileDescriptor {
    let raw = Glibc.socket(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard raw >= 0 else { throw Errno(rawValue: errno) }
    return FileDescriptor(rawValue: raw)
  }

  /// `connect(2)` to this path, retrying `EINTR` by waiting for the connection to complete.
  func connect(_ socket: FileDescriptor) throws(Errno) {
    let result = withAddress { Glibc.connect(socket.rawValue, $0, $1) }
    guard result != 0 else { return }
    throw Errno(rawValue: errno)
  }

  /// `bind(2)` to this path.
  func bind(_ socket: FileDescriptor) throws(Errno) {
    let result = withAddress { Glibc.bind(socket.rawValue, $0, $1) }
    guard result != 0 else { return }
    throw Errno(rawValue: errno)
  }
}
