import PetrelDNS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fresh UDP socket connected to one server, opened and written with plain system calls.
///
/// Exists to keep SwiftNIO's datagram channel, and its per-channel address bookkeeping, off the cache-miss path
/// (see `ExchangeLauncher`). Non-blocking and close-on-exec from the start; connected without a bind, so the
/// kernel picks a random ephemeral source port.
enum UpstreamDatagramSocket {
  static func open(to server: UpstreamServer) -> Result<CInt, UpstreamError> {
    let family: CInt
    switch server.address {
    case .v4: family = AF_INET
    case .v6: family = AF_INET6
    }
    #if canImport(Glibc)
      let type = CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_NONBLOCK.rawValue) | CInt(SOCK_CLOEXEC.rawValue)
    #else
      let type = SOCK_DGRAM
    #endif
    let descriptor = socket(family, type, CInt(IPPROTO_UDP))
    guard descriptor >= 0 else { return .failure(failure(errno, "socket")) }
    let connected = withSocketAddress(of: server) { address, length in connect(descriptor, address, length) }
    guard connected == 0 else {
      let code = errno
      close(descriptor)
      return .failure(failure(code, "connect"))
    }
    return .success(descriptor)
  }

  /// Sends one datagram; nil when the kernel took it whole.
  static func send(_ datagram: [UInt8], on descriptor: CInt) -> UpstreamError? {
    let sent = datagram.withUnsafeBytes { bytes in
      Glibc.send(descriptor, bytes.baseAddress, bytes.count, CInt(MSG_NOSIGNAL))
    }
    if sent == datagram.count { return nil }
    if sent < 0 { return failure(errno, "send") }
    return .failed("send: \(sent) of \(datagram.count) octets sent")
  }

  static func close(_ descriptor: CInt) {
    _ = Glibc.close(descriptor)
  }

  private static func failure(_ code: CInt, _ call: String) -> UpstreamError {
    UpstreamError(errno: code, description: "\(call): \(String(cString: strerror(code)))")
  }

  private static func withSocketAddress<Result>(
    of server: UpstreamServer, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
  ) -> Result {
    switch server.kernelSocketAddress {
    case .v4(var raw):
      return withUnsafePointer(to: &raw) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
      }
    case .v6(var raw):
      return withUnsafePointer(to: &raw) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
      }
    }
  }
}
