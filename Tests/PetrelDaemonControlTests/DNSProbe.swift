import Glibc
import PetrelDNS

/// Asks the daemon one question over UDP on loopback and returns the decoded response; every wait is bounded
/// (a few attempts of two seconds), so a daemon that stopped answering fails the test instead of hanging it.
struct DNSProbe: Sendable {
  let port: UInt16

  func query(_ name: String, _ type: RRType = .a) throws -> Message {
    let request = Message.query(
      id: UInt16.random(in: 1...UInt16.max), name: try DomainName(name), type: type, recursionDesired: true,
      edns: EDNS())
    let bytes = try request.encode()
    let socket = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard socket >= 0 else { throw HarnessError("socket: \(errno)") }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw HarnessError("connect: \(errno)") }
    for _ in 0..<5 {
      _ = bytes.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
      var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
      guard poll(&entry, 1, 2_000) == 1 else { continue }
      var buffer = [UInt8](repeating: 0, count: 65_535)
      let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      guard count > 0, let response = try? Message(decoding: Array(buffer.prefix(count))), response.id == request.id
      else { continue }
      return response
    }
    throw HarnessError("no DNS answer from 127.0.0.1:\(port) for \(name)")
  }

  /// Whether the daemon answers the local zone's `www` name with its address: the daemon is serving.
  func answersLocalZone() -> Bool {
    guard let response = try? query("www.lab.test.") else { return false }
    return response.rcode == .noError && !response.answers.isEmpty
  }
}
