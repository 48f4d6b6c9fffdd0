import Glibc
import PetrelServer
import PetrelSystem
import SystemPackage
import Testing

/// Matching descriptors passed by socket activation to the configured listen addresses, on real sockets bound
/// to loopback ports of the kernel's choosing (no root needed).
@Suite("Socket-activated listeners")
struct ActivatedListenersTests {
  /// A socket of `type` bound to `host` port `port` (0: any), listening if `listen`.
  private func bound(_ host: String, port: UInt16 = 0, type: CInt, listen: Bool = false) throws -> FileDescriptor {
    let ipv6 = host.contains(":")
    let raw = socket(ipv6 ? AF_INET6 : AF_INET, type | CInt(SOCK_CLOEXEC.rawValue), 0)
    try #require(raw >= 0)
    var storage = sockaddr_storage()
    var length: socklen_t
    if ipv6 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      inet_pton(AF_INET6, host, &address.sin6_addr)
      withUnsafeBytes(of: address) { bytes in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) } }
      length = socklen_t(MemoryLayout<sockaddr_in6>.size)
    } else {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      inet_pton(AF_INET, host, &address.sin_addr)
      withUnsafeBytes(of: address) { bytes in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) } }
      length = socklen_t(MemoryLayout<sockaddr_in>.size)
    }
    let result = withUnsafePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(raw, $0, length) }
    }
    try #require(result == 0, "bind \(host): \(errno)")
    if listen { try #require(Glibc.listen(raw, 8) == 0) }
    return FileDescriptor(rawValue: raw)
  }

  private func passed(_ descriptor: FileDescriptor, _ name: String = "dns") throws -> ActivatedDescriptor {
    let info: SocketInfo?
    do {
      info = try descriptor.socketInfo()
    } catch .notSocket {
      info = nil
    }
    return ActivatedDescriptor(descriptor: descriptor, name: name, socket: info)
  }

  private func port(_ descriptor: FileDescriptor) throws -> Int {
    switch try descriptor.socketInfo().address {
    case .ipv4(_, let port), .ipv6(_, let port, _): Int(port)
    default: 0
    }
  }

  @Test("UDP and listening TCP on a configured address become its listeners, made non-blocking")
  func matchingSocketsAreAdopted() throws {
    let udp = try bound("127.0.0.1", type: CInt(SOCK_DGRAM.rawValue))
    let port = try port(udp)
    let tcp = try bound("127.0.0.1", port: UInt16(port), type: CInt(SOCK_STREAM.rawValue), listen: true)
    let udp6 = try bound("::1", type: CInt(SOCK_DGRAM.rawValue))
    let port6 = try self.port(udp6)
    let tcp6 = try bound("::1", port: UInt16(port6), type: CInt(SOCK_STREAM.rawValue), listen: true)
    defer { for descriptor in [udp, tcp, udp6, tcp6] { _ = try? descriptor.close() } }

    // The IPv6 address is written differently in the configuration: compared as an address, not as text.
    let listen = [ListenAddress(host: "0:0::1", port: port6), ListenAddress(host: "127.0.0.1", port: port)]
    let sockets = try ActivatedListeners.adopt(
      [try passed(tcp), try passed(udp), try passed(udp6), try passed(tcp6)], listen: listen, threads: 2)
    #expect(sockets.threads == 2)
    #expect(sockets.addresses.count == 2)
    #expect(sockets.addresses[0].udp.map(\.descriptor) == [udp6])
    #expect(sockets.addresses[0].tcp.descriptor == tcp6)
    #expect(sockets.addresses[1].udp.map(\.descriptor) == [udp])
    #expect(sockets.addresses[1].tcp.descriptor == tcp)
    #expect(sockets.addresses[1].port == UInt16(port))
    for descriptor in [udp, tcp, udp6, tcp6] {
      #expect(fcntl(descriptor.rawValue, F_GETFL) & O_NONBLOCK != 0)
    }
  }

  @Test("a TCP socket nobody called listen on is refused")
  func tcpMustListen() throws {
    let udp = try bound("127.0.0.1", type: CInt(SOCK_DGRAM.rawValue))
    let port = try port(udp)
    let tcp = try bound("127.0.0.1", port: UInt16(port), type: CInt(SOCK_STREAM.rawValue), listen: false)
    defer { for descriptor in [udp, tcp] { _ = try? descriptor.close() } }
    let error = #expect(throws: ActivatedListeners.Failure.self) {
      try ActivatedListeners.adopt(
        [try passed(udp), try passed(tcp)], listen: [ListenAddress(host: "127.0.0.1", port: port)], threads: 1)
    }
    #expect(
      error?.description
        == "descriptor \(tcp.rawValue) (dns): a TCP socket that is not listening: AF_INET SOCK_STREAM protocol 6 127.0.0.1:\(port)"
    )
  }

  @Test("a socket on an address the configuration does not name, or a missing TCP socket, is refused")
  func addressesMustAgree() throws {
    let udp = try bound("127.0.0.1", type: CInt(SOCK_DGRAM.rawValue))
    defer { _ = try? udp.close() }
    let port = try port(udp)
    let elsewhere = #expect(throws: ActivatedListeners.Failure.self) {
      try ActivatedListeners.adopt(
        [try passed(udp)], listen: [ListenAddress(host: "127.0.0.2", port: port)], threads: 1)
    }
    #expect(
      elsewhere?.description
        == "descriptor \(udp.rawValue) (dns) is udp 127.0.0.1:\(port), an address the configuration does not listen on (listen: 127.0.0.2:\(port))"
    )
    let noTCP = #expect(throws: ActivatedListeners.Failure.self) {
      try ActivatedListeners.adopt(
        [try passed(udp)], listen: [ListenAddress(host: "127.0.0.1", port: port)], threads: 1)
    }
    #expect(
      noTCP?.description.hasPrefix(
        "the configuration listens on 127.0.0.1:\(port), but the service manager passed no TCP socket for it") == true)
  }

  @Test("a descriptor that is not an IP socket is refused")
  func nonInternetSocketsAreRefused() throws {
    var pair: [CInt] = [0, 0]
    try #require(socketpair(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0, &pair) == 0)
    defer { pair.forEach { close($0) } }
    let unix = FileDescriptor(rawValue: pair[0])
    let error = #expect(throws: ActivatedListeners.Failure.self) {
      try ActivatedListeners.adopt(
        [try passed(unix, "control")], listen: [ListenAddress(host: "127.0.0.1", port: 53)], threads: 1)
    }
    #expect(
      error?.description.hasPrefix("descriptor \(pair[0]) (control): not an IPv4 or IPv6 socket: AF_UNIX") == true)
  }
}
