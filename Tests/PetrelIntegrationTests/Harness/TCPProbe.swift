import Glibc

/// Whether something accepts TCP connections on an IPv4 address and port: how the harness knows a test
/// authority is up, since it binds UDP before TCP and a `--drop` server never answers a query.
enum TCPProbe {
  static func accepts(_ address: String, port: UInt16 = 53) -> Bool {
    var socketAddress = sockaddr_in()
    socketAddress.sin_family = sa_family_t(AF_INET)
    socketAddress.sin_port = port.bigEndian
    guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else { return false }
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard socket >= 0 else { return false }
    defer { close(socket) }
    return withUnsafePointer(to: &socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  /// Polls `accepts` every 50 ms, at most `attempts` times.
  static func waitUntilAccepting(_ address: String, port: UInt16 = 53, attempts: Int = 200) -> Bool {
    for _ in 0..<attempts {
      if accepts(address, port: port) { return true }
      usleep(50_000)
    }
    return false
  }
}
