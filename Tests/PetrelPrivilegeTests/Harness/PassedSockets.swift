import Glibc

/// Sockets the test binds the way systemd's `.socket` unit would, to hand to petreld with `LISTEN_FDS`.
enum PassedSockets {
  /// A UDP socket, or a listening TCP socket, bound to `address`:`port` (IPv4).
  static func bind(_ address: String, port: UInt16 = 53, tcp: Bool) throws -> CInt {
    let kind = tcp ? CInt(SOCK_STREAM.rawValue) : CInt(SOCK_DGRAM.rawValue)
    let raw = socket(AF_INET, kind | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard raw >= 0 else { throw QueryError(description: "socket: \(errno)") }
    var one: CInt = 1
    setsockopt(raw, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<CInt>.size))
    var socketAddress = sockaddr_in()
    socketAddress.sin_family = sa_family_t(AF_INET)
    socketAddress.sin_port = port.bigEndian
    inet_pton(AF_INET, address, &socketAddress.sin_addr)
    let bound = withUnsafePointer(to: &socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.bind(raw, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, !tcp || listen(raw, 64) == 0 else {
      let error = errno
      close(raw)
      throw QueryError(description: "bind \(address):\(port): \(String(cString: strerror(error)))")
    }
    return raw
  }

  /// A UNIX stream socket: not something petreld can listen with.
  static func unixSocket() throws -> CInt {
    let raw = socket(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard raw >= 0 else { throw QueryError(description: "socket: \(errno)") }
    return raw
  }
}
