import Glibc
public import SystemPackage

extension ListeningSocket {
  /// Wraps a descriptor this process did not bind — taken from a running daemon, or passed by the service
  /// manager — as a listening socket, from what the kernel says it is rather than from what the sender
  /// claimed: a bound IPv4 or IPv6 UDP socket, or a listening TCP socket.
  ///
  /// The descriptor is not changed (it keeps its flags; a takeover shares it with the process it came from)
  /// and now belongs to the returned value's owner.
  ///
  /// - Throws: ``Failure/unsuitable(_:)`` for anything else, ``Failure/system(call:_:)`` when the
  ///   descriptor cannot be inspected (not a socket, not open).
  public static func adopting(_ descriptor: FileDescriptor) throws(Failure) -> ListeningSocket {
    let info: SocketInfo
    do {
      info = try descriptor.socketInfo()
    } catch {
      throw .system(call: "inspect descriptor \(descriptor.rawValue)", error)
    }
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
      throw .unsuitable(info)
    }
    let transport: Transport
    switch (info.type, info.protocolNumber, info.isListening) {
    case (.datagram, CInt(IPPROTO_UDP), _): transport = .udp
    case (.stream, CInt(IPPROTO_TCP), true): transport = .tcp
    default: throw .unsuitable(info)
    }
    return ListeningSocket(descriptor: descriptor, transport: transport, host: host, port: port)
  }
}
