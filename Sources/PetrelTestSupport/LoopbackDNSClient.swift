import Glibc
public import PetrelDNS

/// Asks one DNS question over UDP or TCP on loopback (IPv4 or IPv6) and waits, with `poll` and a bound, for the
/// matching answer. Blocking: call it from a thread of its own or a synchronous test.
///
/// The tests that start a real daemon — takeover, privileges — check that it still answers with this one client
/// rather than each carrying a copy.
public struct LoopbackDNSClient: Sendable {
  public enum Transport: String, Sendable { case udp, tcp }

  public var host: String
  public var port: UInt16
  /// How long one attempt waits.
  public var timeoutMilliseconds: Int32
  /// UDP attempts (the same query resent) before giving up.
  public var attempts: Int
  /// The EDNS the query carries, or nil for none.
  public var edns: EDNS?

  public init(
    host: String, port: UInt16 = 53, timeoutMilliseconds: Int32 = 2_000, attempts: Int = 3, edns: EDNS? = nil
  ) {
    self.host = host
    self.port = port
    self.timeoutMilliseconds = timeoutMilliseconds
    self.attempts = attempts
    self.edns = edns
  }

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// The answer to `name` `type`.
  public func ask(_ name: String, _ type: RRType = .a, over transport: Transport = .udp) throws -> Message {
    let id = UInt16.random(in: 1...UInt16.max)
    let query = try Message.query(id: id, name: DomainName(name), type: type, recursionDesired: true, edns: edns)
      .encode()
    let socket = try connect(transport)
    defer { close(socket) }
    switch transport {
    case .udp:
      for _ in 0..<attempts {
        try sendAll(query, on: socket)
        while try waitReadable(socket) {
          var buffer = [UInt8](repeating: 0, count: 65_535)
          let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
          guard count > 0 else { break }
          if let message = try? Message(decoding: Array(buffer[..<count])), message.id == id { return message }
        }
      }
      throw Failure(description: "no UDP answer from \(host):\(port) to \(name)")
    case .tcp:
      try sendAll([UInt8(query.count >> 8), UInt8(query.count & 0xff)] + query, on: socket)
      let prefix = try receive(2, on: socket)
      let message = try Message(decoding: try receive(Int(prefix[0]) << 8 | Int(prefix[1]), on: socket))
      guard message.id == id else { throw Failure(description: "TCP answer with another ID") }
      return message
    }
  }

  /// The first A address of the answer to `name`.
  public func address(of name: String, over transport: Transport = .udp) throws -> IPv4Address {
    let answer = try ask(name, .a, over: transport)
    for record in answer.answers {
      if case .a(let address) = record.rdata { return address }
    }
    throw Failure(description: "no A record in the answer to \(name)")
  }

  private func connect(_ transport: Transport) throws -> CInt {
    let ipv6 = host.contains(":")
    let type = transport == .udp ? CInt(SOCK_DGRAM.rawValue) : CInt(SOCK_STREAM.rawValue)
    let socket = Glibc.socket(ipv6 ? AF_INET6 : AF_INET, type | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
    var timeout = timeval(tv_sec: Int(timeoutMilliseconds / 1000), tv_usec: Int(timeoutMilliseconds % 1000) * 1000)
    setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let result: CInt
    if ipv6 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else {
        close(socket)
        throw Failure(description: "not an IPv6 address: \(host)")
      }
      result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
        }
      }
    } else {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
        close(socket)
        throw Failure(description: "not an IPv4 address: \(host)")
      }
      result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
    }
    guard result == 0 else {
      let error = errno
      close(socket)
      throw Failure(description: "connect to \(host):\(port): errno \(error)")
    }
    return socket
  }

  private func sendAll(_ bytes: [UInt8], on socket: CInt) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, CInt(MSG_NOSIGNAL)) }
      guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
      offset += sent
    }
  }

  private func receive(_ wanted: Int, on socket: CInt) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while bytes.count < wanted {
      guard try waitReadable(socket) else { throw Failure(description: "no TCP answer from \(host):\(port)") }
      var buffer = [UInt8](repeating: 0, count: wanted - bytes.count)
      let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { throw Failure(description: "TCP connection closed before the answer") }
      bytes += buffer[..<count]
    }
    return bytes
  }

  private func waitReadable(_ socket: CInt) throws -> Bool {
    var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
    while true {
      let ready = poll(&entry, 1, timeoutMilliseconds)
      if ready >= 0 { return ready == 1 }
      if errno != EINTR { throw Failure(description: "poll: errno \(errno)") }
    }
  }
}
