import Glibc

/// Why a test client gave up.
struct ClientError: Error, CustomStringConvertible {
  var description: String
}

/// A plain socket talking to the test server over loopback, the way an outside client would.
///
/// Reads poll a non-blocking socket and sleep between attempts, so that a test waiting for the server never
/// holds one of the few threads the server's resolution tasks need.
final class LoopbackClient {
  let descriptor: CInt
  private let family: CInt
  private var pending: [UInt8] = []

  /// A UDP socket bound to `bindHost` (port chosen by the kernel).
  static func udp(bindHost: String = "127.0.0.1") throws -> LoopbackClient {
    let family = bindHost.contains(":") ? AF_INET6 : AF_INET
    let client = try LoopbackClient(family: family, type: CInt(SOCK_DGRAM.rawValue))
    try client.withAddress(host: bindHost, port: 0) { Glibc.bind(client.descriptor, $0, $1) }
    return client
  }

  /// A TCP connection to `host`:`port`.
  static func tcp(host: String = "127.0.0.1", port: UInt16) throws -> LoopbackClient {
    let family = host.contains(":") ? AF_INET6 : AF_INET
    let client = try LoopbackClient(family: family, type: CInt(SOCK_STREAM.rawValue))
    try client.withAddress(host: host, port: port) { Glibc.connect(client.descriptor, $0, $1) }
    return client
  }

  private init(family: CInt, type: CInt) throws {
    self.family = family
    descriptor = socket(family, type | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard descriptor >= 0 else { throw ClientError(description: "socket: \(errno)") }
  }

  deinit { close(descriptor) }

  /// Sends one datagram to `host`:`port`.
  func send(_ bytes: [UInt8], to host: String = "127.0.0.1", port: UInt16) throws {
    try withAddress(host: host, port: port) { address, length in
      bytes.withUnsafeBytes { Int32(sendto(descriptor, $0.baseAddress, $0.count, 0, address, length)) }
    }
  }

  /// Waits for one datagram.
  func receive() async throws -> [UInt8] {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    for _ in 0..<2_500 {
      let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, CInt(MSG_DONTWAIT)) }
      if count >= 0 { return Array(buffer[..<count]) }
      guard errno == EAGAIN || errno == EWOULDBLOCK else { throw ClientError(description: "recv: \(errno)") }
      try await Task.sleep(for: .milliseconds(2))
    }
    throw ClientError(description: "no datagram arrived")
  }

  /// Writes `messages` on a TCP connection, each with its length prefix, in one write.
  func sendFrames(_ messages: [[UInt8]]) throws {
    var stream: [UInt8] = []
    for message in messages {
      stream += [UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message
    }
    let written = stream.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    guard written == stream.count else { throw ClientError(description: "short write \(written)") }
  }

  /// Waits for one length-prefixed message on a TCP connection.
  func receiveFrame() async throws -> [UInt8] {
    for _ in 0..<2_500 {
      if pending.count >= 2 {
        let length = Int(pending[0]) << 8 | Int(pending[1])
        if pending.count >= 2 + length {
          let message = Array(pending[2..<(2 + length)])
          pending.removeFirst(2 + length)
          return message
        }
      }
      switch try readAvailable() {
      case .data: continue
      case .closed: throw ClientError(description: "connection closed")
      case .nothing: try await Task.sleep(for: .milliseconds(2))
      }
    }
    throw ClientError(description: "no message arrived")
  }

  /// Waits until the server closes the connection; true if it did.
  func waitForClose() async throws -> Bool {
    for _ in 0..<5_000 {
      switch try readAvailable() {
      case .closed: return true
      case .data: continue
      case .nothing: try await Task.sleep(for: .milliseconds(2))
      }
    }
    return false
  }

  private enum ReadResult { case data, closed, nothing }

  private func readAvailable() throws -> ReadResult {
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, CInt(MSG_DONTWAIT)) }
    if count > 0 {
      pending += buffer[..<count]
      return .data
    }
    if count == 0 { return .closed }
    if errno == EAGAIN || errno == EWOULDBLOCK { return .nothing }
    if errno == ECONNRESET { return .closed }
    throw ClientError(description: "recv: \(errno)")
  }

  private func withAddress(
    host: String, port: UInt16, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32
  ) throws {
    var result: Int32
    if host.contains(":") {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      inet_pton(AF_INET6, host, &address.sin6_addr)
      result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
      }
    } else {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      inet_pton(AF_INET, host, &address.sin_addr)
      result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
      }
    }
    guard result >= 0 else { throw ClientError(description: "socket call failed: errno \(errno)") }
  }
}
