import Glibc
public import SystemPackage

/// What a descriptor is as a socket, asked of the kernel rather than taken on trust: takeover and socket
/// activation compare it with what the sender (the old daemon, or systemd) said each descriptor was.
public struct SocketInfo: Hashable, Sendable, CustomStringConvertible {
  /// `SO_DOMAIN`: the address family.
  public var domain: SocketDomain
  /// `SO_TYPE`: stream, datagram, sequenced packet, …
  public var type: SocketType
  /// `SO_PROTOCOL`: e.g. `IPPROTO_UDP` (17), `IPPROTO_TCP` (6), 0 for UNIX sockets.
  public var protocolNumber: CInt
  /// `getsockname`: where the socket is bound.
  public var address: SocketAddress
  /// `SO_ACCEPTCONN`: whether `listen` was called on it.
  public var isListening: Bool

  public init(domain: SocketDomain, type: SocketType, protocolNumber: CInt, address: SocketAddress, isListening: Bool) {
    self.domain = domain
    self.type = type
    self.protocolNumber = protocolNumber
    self.address = address
    self.isListening = isListening
  }

  public var description: String {
    "\(domain) \(type) protocol \(protocolNumber) \(address)\(isListening ? " listening" : "")"
  }
}

extension FileDescriptor {
  /// Inspects this descriptor as a socket: family, type, protocol, local address, listening state.
  ///
  /// - Throws: `Errno.notSocket` when the descriptor is open but not a socket.
  public func socketInfo() throws(Errno) -> SocketInfo {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    _ = try withUnsafeMutablePointer(to: &storage) { (pointer) throws(Errno) -> CInt in
      try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { (address) throws(Errno) -> CInt in
        try DescriptorSystemCall.run { Glibc.getsockname(rawValue, address, &length) }
      }
    }
    return SocketInfo(
      domain: SocketDomain(rawValue: try integerOption(SO_DOMAIN)),
      type: SocketType(rawValue: try integerOption(SO_TYPE)),
      protocolNumber: try integerOption(SO_PROTOCOL),
      address: SocketAddress(storage: storage, length: length),
      isListening: try integerOption(SO_ACCEPTCONN) != 0)
  }

  /// `getsockopt(SOL_SOCKET, option)` for an `int`-valued option.
  private func integerOption(_ option: CInt) throws(Errno) -> CInt {
    var value: CInt = 0
    var length = socklen_t(MemoryLayout<CInt>.size)
    _ = try DescriptorSystemCall.run { Glibc.getsockopt(rawValue, SOL_SOCKET, option, &value, &length) }
    return value
  }
}
