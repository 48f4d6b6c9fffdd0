import Glibc
public import SystemPackage

/// Why a descriptor handed over by someone else (systemd, a running daemon) cannot be served as a listener.
public enum ListenerAdoptionError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Not an IPv4 or IPv6 socket.
  case notInternet(SocketInfo)
  /// Neither a UDP datagram socket nor a TCP stream socket.
  case notUDPOrTCP(SocketInfo)
  /// A TCP socket on which `listen` was never called: it would accept no connection.
  case notListening(SocketInfo)
  /// Not bound to a port.
  case unbound(SocketInfo)
  /// Making it non-blocking failed.
  case system(call: String, Errno)

  public var description: String {
    switch self {
    case .notInternet(let info): "not an IPv4 or IPv6 socket: \(info)"
    case .notUDPOrTCP(let info): "neither a UDP datagram nor a TCP stream socket: \(info)"
    case .notListening(let info): "a TCP socket that is not listening: \(info)"
    case .unbound(let info): "not bound to a port: \(info)"
    case .system(let call, let error): "\(call): \(error)"
    }
  }
}

extension ListeningSocket {
  /// Takes a socket bound by someone else as a listener, after asking the kernel what it is (`info`, from
  /// ``SystemPackage/FileDescriptor/socketInfo()``): an IPv4 or IPv6 socket, UDP datagram or listening TCP
  /// stream, bound to a port. Nothing is trusted from the sender's description of it.
  ///
  /// The descriptor is made non-blocking, as SwiftNIO expects; on failure it is left open for the caller.
  public static func adopting(
    _ descriptor: FileDescriptor, info: SocketInfo
  ) throws(ListenerAdoptionError) -> ListeningSocket {
    let host: String
    let port: UInt16
    switch info.address {
    case .ipv4(let address, let boundPort):
      host = address
      port = boundPort
    case .ipv6(let address, let boundPort, _):
      host = address
      port = boundPort
    default:
      throw .notInternet(info)
    }
    guard info.domain == .ipv4 || info.domain == .ipv6 else { throw .notInternet(info) }
    let transport: Transport
    switch (info.type, info.protocolNumber) {
    case (.datagram, CInt(IPPROTO_UDP)): transport = .udp
    case (.stream, CInt(IPPROTO_TCP)): transport = .tcp
    default: throw .notUDPOrTCP(info)
    }
    guard transport == .udp || info.isListening else { throw .notListening(info) }
    guard port != 0 else { throw .unbound(info) }

    let flags = fcntl(descriptor.rawValue, F_GETFL)
    guard flags >= 0 else { throw .system(call: "fcntl(F_GETFL)", Errno(rawValue: errno)) }
    if flags & O_NONBLOCK == 0 {
      guard fcntl(descriptor.rawValue, F_SETFL, flags | O_NONBLOCK) == 0 else {
        throw .system(call: "fcntl(F_SETFL, O_NONBLOCK)", Errno(rawValue: errno))
      }
    }
    return ListeningSocket(descriptor: descriptor, transport: transport, host: host, port: port)
  }
}
