import Glibc
public import SystemPackage

/// A UDP or TCP socket created and bound as a plain descriptor, before any thread exists.
///
/// The daemon binds its listeners while it still holds the privilege to use port 53, and only afterwards —
/// with every privilege gone — starts the event loops that adopt the descriptors. This type is that first
/// half: `socket`, the reuse options, `IPV6_V6ONLY`, `bind` and (for TCP) `listen`, with nothing else
/// running. The descriptor is close-on-exec and non-blocking, ready to be handed to SwiftNIO.
public struct ListeningSocket: Hashable, Sendable, CustomStringConvertible {
  /// Which protocol the socket speaks.
  public enum Transport: String, Hashable, Sendable {
    case udp
    case tcp
  }

  /// Why a socket could not be made ready.
  public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The host is not a numeric IPv4 or IPv6 address.
    case invalidAddress(String)
    /// A system call failed; `call` names it.
    case system(call: String, Errno)

    public var description: String {
      switch self {
      case .invalidAddress(let host): "not a numeric IP address: \(host)"
      case .system(let call, let errno): "\(call): \(errno)"
      }
    }
  }

  /// The bound descriptor; its owner (the listener that adopts it) closes it.
  public let descriptor: FileDescriptor
  public let transport: Transport
  /// The numeric address it is bound to, without brackets.
  public let host: String
  /// The port it is bound to: the one asked for, or the one the kernel chose for port 0.
  public let port: UInt16

  /// Creates, configures and binds a socket on `host` (numeric) and `port`; a TCP socket also listens.
  ///
  /// `reusePort` sets `SO_REUSEPORT`, so that several sockets (one per event loop) share the address and the
  /// kernel spreads datagrams between them. IPv6 sockets are `IPV6_V6ONLY`, so that `[::]` and `0.0.0.0` can
  /// both be configured. `receiveBufferSize` asks for a larger receive queue, to ride out bursts: with
  /// `SO_RCVBUFFORCE` while the process may still exceed the system limit, else `SO_RCVBUF` (which the kernel
  /// caps at `net.core.rmem_max`); not getting it is not an error.
  public static func bind(
    host: String, port: UInt16, transport: Transport, reusePort: Bool, backlog: CInt = 1024,
    receiveBufferSize: Int? = nil
  ) throws(Failure) -> ListeningSocket {
    var storage = sockaddr_storage()
    let length = try fillAddress(&storage, host: host, port: port)
    let family = CInt(storage.ss_family)
    let type = (transport == .udp ? CInt(SOCK_DGRAM.rawValue) : CInt(SOCK_STREAM.rawValue))
    let descriptor = Glibc.socket(
      family, type | CInt(SOCK_CLOEXEC.rawValue) | CInt(SOCK_NONBLOCK.rawValue), 0)
    guard descriptor >= 0 else { throw .system(call: "socket", Errno(rawValue: errno)) }
    do throws(Failure) {
      try setOption(descriptor, SOL_SOCKET, SO_REUSEADDR, name: "SO_REUSEADDR")
      if reusePort { try setOption(descriptor, SOL_SOCKET, SO_REUSEPORT, name: "SO_REUSEPORT") }
      if family == AF_INET6 { try setOption(descriptor, CInt(IPPROTO_IPV6), IPV6_V6ONLY, name: "IPV6_V6ONLY") }
      if let receiveBufferSize {
        var size = CInt(clamping: receiveBufferSize)
        let length = socklen_t(MemoryLayout<CInt>.size)
        if setsockopt(descriptor, SOL_SOCKET, SO_RCVBUFFORCE, &size, length) != 0 {
          _ = setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, length)
        }
      }
      let bound = withUnsafePointer(to: &storage) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(descriptor, $0, length) }
      }
      guard bound == 0 else { throw Failure.system(call: "bind \(host) port \(port)", Errno(rawValue: errno)) }
      if transport == .tcp {
        guard Glibc.listen(descriptor, backlog) == 0 else {
          throw Failure.system(call: "listen", Errno(rawValue: errno))
        }
      }
      let socket = ListeningSocket(
        descriptor: FileDescriptor(rawValue: descriptor), transport: transport, host: host,
        port: try boundPort(descriptor))
      return socket
    } catch {
      _ = Glibc.close(descriptor)
      throw error
    }
  }

  /// Closes the descriptor: for sockets that were bound but will never be adopted.
  public func close() {
    _ = Glibc.close(descriptor.rawValue)
  }

  /// `udp 127.0.0.1:53`, `tcp [::1]:53`.
  public var description: String {
    host.contains(":") ? "\(transport.rawValue) [\(host)]:\(port)" : "\(transport.rawValue) \(host):\(port)"
  }

  init(descriptor: FileDescriptor, transport: Transport, host: String, port: UInt16) {
    self.descriptor = descriptor
    self.transport = transport
    self.host = host
    self.port = port
  }

  private static func fillAddress(
    _ storage: inout sockaddr_storage, host: String, port: UInt16
  ) throws(Failure) -> socklen_t {
    var v4 = in_addr()
    if inet_pton(AF_INET, host, &v4) == 1 {
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = port.bigEndian
      address.sin_addr = v4
      withUnsafeMutableBytes(of: &storage) { target in
        withUnsafeBytes(of: address) { target.copyMemory(from: $0) }
      }
      return socklen_t(MemoryLayout<sockaddr_in>.size)
    }
    var v6 = in6_addr()
    if inet_pton(AF_INET6, host, &v6) == 1 {
      var address = sockaddr_in6()
      address.sin6_family = sa_family_t(AF_INET6)
      address.sin6_port = port.bigEndian
      address.sin6_addr = v6
      withUnsafeMutableBytes(of: &storage) { target in
        withUnsafeBytes(of: address) { target.copyMemory(from: $0) }
      }
      return socklen_t(MemoryLayout<sockaddr_in6>.size)
    }
    throw .invalidAddress(host)
  }

  private static func setOption(_ descriptor: CInt, _ level: CInt, _ option: CInt, name: String) throws(Failure) {
    var one: CInt = 1
    guard setsockopt(descriptor, level, option, &one, socklen_t(MemoryLayout<CInt>.size)) == 0 else {
      throw .system(call: "setsockopt \(name)", Errno(rawValue: errno))
    }
  }

  private static func boundPort(_ descriptor: CInt) throws(Failure) -> UInt16 {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let result = withUnsafeMutablePointer(to: &storage) { pointer in
      pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.getsockname(descriptor, $0, &length) }
    }
    guard result == 0 else { throw .system(call: "getsockname", Errno(rawValue: errno)) }
    return withUnsafeBytes(of: storage) { bytes in
      // sin_port and sin6_port sit at the same offset, right after the family.
      UInt16(bigEndian: bytes.load(fromByteOffset: MemoryLayout<sa_family_t>.size, as: UInt16.self))
    }
  }
}
