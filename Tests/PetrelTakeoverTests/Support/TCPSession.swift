import Glibc
import PetrelDNS

/// One TCP connection to a DNS server, kept open across several questions: the client whose connection
/// a draining daemon must not cut.
final class TCPSession {
  private let socket: CInt

  init(host: String, port: UInt16) throws {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw HarnessError("not IPv4: \(host)") }
    socket = Glibc.socket(AF_INET, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard socket >= 0 else { throw HarnessError("socket: errno \(errno)") }
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      Glibc.close(socket)
      throw HarnessError("connect to \(host):\(port): errno \(errno)")
    }
  }

  private var closed = false

  deinit { close() }

  /// Closes the connection, as a client does when it is done.
  func close() {
    guard !closed else { return }
    closed = true
    _ = Glibc.close(socket)
  }

  /// Asks `name` A on this connection and returns the first address of the answer.
  func address(of name: String) throws -> IPv4Address {
    let id = UInt16.random(in: 1...UInt16.max)
    let query = try Message.query(id: id, name: DomainName(name), type: .a, recursionDesired: true, edns: nil)
      .encode()
    let framed = [UInt8(query.count >> 8), UInt8(query.count & 0xff)] + query
    guard framed.withUnsafeBytes({ send(socket, $0.baseAddress, $0.count, CInt(MSG_NOSIGNAL)) }) == framed.count else {
      throw HarnessError("send: errno \(errno)")
    }
    let prefix = try receive(2)
    let message = try Message(decoding: try receive(Int(prefix[0]) << 8 | Int(prefix[1])))
    guard message.id == id else { throw HarnessError("an answer with another ID") }
    for record in message.answers {
      if case .a(let address) = record.rdata { return address }
    }
    throw HarnessError("no A record for \(name)")
  }

  private func receive(_ count: Int) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while bytes.count < count {
      var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
      guard poll(&entry, 1, 5_000) == 1 else { throw HarnessError("no answer on the TCP connection") }
      var buffer = [UInt8](repeating: 0, count: count - bytes.count)
      let received = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      guard received > 0 else { throw HarnessError("the server closed the TCP connection") }
      bytes += buffer[..<received]
    }
    return bytes
  }
}
