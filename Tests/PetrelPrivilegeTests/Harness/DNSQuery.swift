import Glibc
import PetrelDNS

/// One DNS question to a server on loopback over UDP or TCP, blocking with bounded waits, decoded with
/// PetrelDNS: enough to see that a sandboxed daemon still answers.
struct DNSQuery: Sendable {
  enum Transport: String, Sendable {
    case udp
    case tcp
  }

  let address: String
  var port: UInt16 = 53
  /// How long one UDP attempt or one TCP exchange waits.
  var timeoutMilliseconds: Int32 = 5000

  /// Asks `name` `type` with RD set; UDP is tried three times.
  func ask(_ name: String, _ type: RRType, over transport: Transport) throws -> Message {
    let request = Message.query(
      id: UInt16.random(in: 1...UInt16.max), name: try DomainName(name), type: type, recursionDesired: true,
      edns: EDNS())
    let bytes = try request.encode()
    let socket = try connect(transport)
    defer { close(socket) }
    switch transport {
    case .udp:
      for _ in 0..<3 {
        try sendAll(bytes, socket)
        while let datagram = try receive(upTo: 65535, socket, exactly: false) {
          if let response = try? Message(decoding: datagram), response.id == request.id { return response }
        }
      }
      throw QueryError(description: "no UDP response from \(address) for \(name)")
    case .tcp:
      try sendAll([UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes, socket)
      guard let prefix = try receive(upTo: 2, socket, exactly: true),
        let body = try receive(upTo: Int(prefix[0]) << 8 | Int(prefix[1]), socket, exactly: true)
      else { throw QueryError(description: "no TCP response from \(address) for \(name)") }
      return try Message(decoding: body)
    }
  }

  /// The addresses of the A records in the answer to `name`.
  func addresses(_ name: String, over transport: Transport) throws -> [String] {
    try ask(name, .a, over: transport).answers.compactMap { record in
      if case .a(let address) = record.rdata { return "\(address)" }
      return nil
    }
  }

  private func connect(_ transport: Transport) throws -> CInt {
    var socketAddress = sockaddr_in()
    socketAddress.sin_family = sa_family_t(AF_INET)
    socketAddress.sin_port = port.bigEndian
    guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else {
      throw QueryError(description: "not an IPv4 address: \(address)")
    }
    let kind = transport == .udp ? CInt(SOCK_DGRAM.rawValue) : CInt(SOCK_STREAM.rawValue)
    let socket = Glibc.socket(AF_INET, kind | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard socket >= 0 else { throw QueryError(description: "socket: \(errno)") }
    let connected = withUnsafePointer(to: &socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      let error = errno
      close(socket)
      throw QueryError(description: "connect \(address):\(port): \(String(cString: strerror(error)))")
    }
    return socket
  }

  private func sendAll(_ bytes: [UInt8], _ socket: CInt) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, CInt(MSG_NOSIGNAL)) }
      guard sent > 0 else { throw QueryError(description: "send: \(String(cString: strerror(errno)))") }
      offset += sent
    }
  }

  /// One datagram, or (`exactly`) `count` stream bytes; nil when nothing arrives within the timeout.
  private func receive(upTo count: Int, _ socket: CInt, exactly: Bool) throws -> [UInt8]? {
    var bytes: [UInt8] = []
    repeat {
      var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
      guard poll(&descriptor, 1, timeoutMilliseconds) == 1 else { return nil }
      var buffer = [UInt8](repeating: 0, count: count - bytes.count)
      let received = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      guard received > 0 else {
        if received < 0 && errno == ECONNREFUSED { return nil }
        throw QueryError(description: received == 0 ? "connection closed" : "recv: \(errno)")
      }
      bytes += buffer.prefix(received)
    } while exactly && bytes.count < count
    return bytes
  }
}

struct QueryError: Error, CustomStringConvertible {
  var description: String
}
