import Glibc

/// The service manager's end of `$NOTIFY_SOCKET`: a datagram socket the test binds (to a path nobody may
/// write to, or to an abstract name) and reads the daemon's notifications from.
final class NotificationSocket: Sendable {
  let descriptor: CInt
  /// The value for `$NOTIFY_SOCKET`: `/path` or `@name`.
  let address: String

  /// Binds to `path`, made writable by everyone (the daemon sends as nobody), or to the abstract `name`.
  init(path: String? = nil, abstractName: String? = nil) throws {
    let raw = socket(AF_UNIX, CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard raw >= 0 else { throw QueryError(description: "socket: \(errno)") }
    var socketAddress = sockaddr_un()
    socketAddress.sun_family = sa_family_t(AF_UNIX)
    let nameBytes: [UInt8] = path.map { Array($0.utf8) } ?? ([0] + Array((abstractName ?? "").utf8))
    withUnsafeMutableBytes(of: &socketAddress.sun_path) { buffer in
      for (index, byte) in nameBytes.enumerated() { buffer[index] = byte }
    }
    let length = socklen_t(MemoryLayout<sa_family_t>.size + nameBytes.count + (path == nil ? 0 : 1))
    let bound = withUnsafePointer(to: &socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(raw, $0, length) }
    }
    guard bound == 0, path.map({ chmod($0, 0o777) == 0 }) ?? true else {
      let error = errno
      Glibc.close(raw)
      throw QueryError(description: "bind notification socket: \(String(cString: strerror(error)))")
    }
    descriptor = raw
    address = path ?? "@\(abstractName ?? "")"
  }

  /// The next notification's lines, or nil when none arrives within `seconds` (a bound on waiting).
  func next(seconds: Int32 = 20) -> [String]? {
    var pending = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    guard poll(&pending, 1, seconds * 1000) == 1 else { return nil }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
    guard count > 0 else { return nil }
    return String(decoding: buffer.prefix(count), as: UTF8.self).split(separator: "\n").map(String.init)
  }

  func close() { _ = Glibc.close(descriptor) }
}
