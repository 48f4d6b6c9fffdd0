import Glibc
import PetrelDNS

/// Sends one DNS query to a server on loopback over UDP or TCP and decodes the response with PetrelDNS.
///
/// Blocking sockets with `poll` timeouts: a test asks one question at a time and every wait is bounded (UDP is
/// retried a fixed number of times), so a silent server ends in `DNSClientError.noResponse`, never a hang.
struct DNSClient: Sendable {
  enum Transport: String, Sendable {
    case udp
    case tcp
  }

  let address: String
  var port: UInt16 = 53
  /// How long one UDP attempt or one TCP exchange waits for the answer.
  var timeoutMilliseconds: Int32 = 5000
  /// UDP attempts before giving up (the same query, same ID, resent).
  var udpAttempts = 4

  /// Asks `name` `type` (RD set unless told otherwise, EDNS with a 1232-octet payload).
  func query(
    _ name: String, _ type: RRType, over transport: Transport = .udp, recursionDesired: Bool = true
  ) throws -> Message {
    let request = Message.query(
      id: UInt16.random(in: 1...UInt16.max), name: try DomainName(name), type: type,
      recursionDesired: recursionDesired, edns: EDNS())
    return try exchange(request, over: transport)
  }

  /// Sends `request` and returns the response carrying its ID and question.
  func exchange(_ request: Message, over transport: Transport) throws -> Message {
    let bytes = try request.encode()
    let socket = try connectedSocket(transport)
    defer { close(socket) }
    switch transport {
    case .udp:
      for _ in 0..<udpAttempts {
        try sendAll(bytes, on: socket)
        while let datagram = try receiveDatagram(on: socket) {
          if let response = try? Message(decoding: datagram), matches(response, request) { return response }
        }
      }
      throw DNSClientError.noResponse(address: address, transport: transport)
    case .tcp:
      try sendAll([UInt8(bytes.count >> 8), UInt8(bytes.count & 0xFF)] + bytes, on: socket)
      let prefix = try receiveExactly(2, on: socket)
      let response = try Message(decoding: try receiveExactly(Int(prefix[0]) << 8 | Int(prefix[1]), on: socket))
      guard matches(response, request) else { throw DNSClientError.mismatchedResponse }
      return response
    }
  }

  private func matches(_ response: Message, _ request: Message) -> Bool {
    response.id == request.id && response.flags.contains(.qr)
      && response.question.map { $0.name.wire == request.question?.name.wire } ?? true
  }

  private func connectedSocket(_ transport: Transport) throws -> CInt {
    var socketAddress = sockaddr_in()
    socketAddress.sin_family = sa_family_t(AF_INET)
    socketAddress.sin_port = port.bigEndian
    guard inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 else {
      throw DNSClientError.badAddress(address)
    }
    let kind = transport == .udp ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue)
    let socket = Glibc.socket(AF_INET, kind | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard socket >= 0 else { throw DNSClientError.system("socket", errno) }
    var timeout = timeval(tv_sec: Int(timeoutMilliseconds / 1000), tv_usec: Int(timeoutMilliseconds % 1000) * 1000)
    setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let connected = withUnsafePointer(to: &socketAddress) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else {
      let error = errno
      close(socket)
      throw DNSClientError.system("connect to \(address):\(port)", error)
    }
    return socket
  }

  private func sendAll(_ bytes: [UInt8], on socket: CInt) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard sent > 0 else { throw DNSClientError.system("send", errno) }
      offset += sent
    }
  }

  /// The next datagram, or nil when none arrives within the timeout. ICMP errors (nothing listening) count
  /// as silence, as a resolver would treat them.
  private func receiveDatagram(on socket: CInt) throws -> [UInt8]? {
    guard try waitReadable(socket) else { return nil }
    var buffer = [UInt8](repeating: 0, count: 65535)
    let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
    guard count >= 0 else {
      if errno == ECONNREFUSED { return nil }
      throw DNSClientError.system("recv", errno)
    }
    return Array(buffer.prefix(count))
  }

  private func receiveExactly(_ wanted: Int, on socket: CInt) throws -> [UInt8] {
    var bytes: [UInt8] = []
    while bytes.count < wanted {
      guard try waitReadable(socket) else { throw DNSClientError.noResponse(address: address, transport: .tcp) }
      var buffer = [UInt8](repeating: 0, count: wanted - bytes.count)
      let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
      guard count > 0 else {
        if count == 0 { throw DNSClientError.connectionClosed }
        throw DNSClientError.system("recv", errno)
      }
      bytes += buffer.prefix(count)
    }
    return bytes
  }

  private func waitReadable(_ socket: CInt) throws -> Bool {
    var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
    let ready = poll(&descriptor, 1, timeoutMilliseconds)
    guard ready >= 0 else { throw DNSClientError.system("poll", errno) }
    return ready == 1
  }
}

/// Why a test query got no usable response.
enum DNSClientError: Error, CustomStringConvertible {
  case badAddress(String)
  case system(String, Int32)
  case noResponse(address: String, transport: DNSClient.Transport)
  case connectionClosed
  case mismatchedResponse

  var description: String {
    switch self {
    case .badAddress(let address): "not an IPv4 address: \(address)"
    case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
    case .noResponse(let address, let transport): "no response from \(address) over \(transport.rawValue)"
    case .connectionClosed: "the server closed the TCP connection before answering"
    case .mismatchedResponse: "the response does not match the query (ID or question)"
    }
  }
}
