import Glibc

/// A socket's address family (`AF_*`), typed so that socket creation and inspection cannot confuse it
/// with a type or protocol number.
public struct SocketDomain: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: CInt
  public init(rawValue: CInt) { self.rawValue = rawValue }

  /// `AF_UNIX`: local sockets, named by a path, an abstract name, or nothing.
  public static let unix = SocketDomain(rawValue: AF_UNIX)
  /// `AF_INET`: IPv4.
  public static let ipv4 = SocketDomain(rawValue: AF_INET)
  /// `AF_INET6`: IPv6.
  public static let ipv6 = SocketDomain(rawValue: AF_INET6)
  /// `AF_NETLINK`: kernel messaging.
  public static let netlink = SocketDomain(rawValue: AF_NETLINK)

  public var description: String {
    switch self {
    case .unix: "AF_UNIX"
    case .ipv4: "AF_INET"
    case .ipv6: "AF_INET6"
    case .netlink: "AF_NETLINK"
    default: "AF_\(rawValue)"
    }
  }
}

/// A socket's communication semantics (`SOCK_*`), typed for the same reason as ``SocketDomain``.
public struct SocketType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: CInt
  public init(rawValue: CInt) { self.rawValue = rawValue }

  /// `SOCK_STREAM`: a byte stream (TCP, or a stream UNIX socket).
  public static let stream = SocketType(rawValue: CInt(SOCK_STREAM.rawValue))
  /// `SOCK_DGRAM`: datagrams (UDP, or a datagram UNIX socket).
  public static let datagram = SocketType(rawValue: CInt(SOCK_DGRAM.rawValue))
  /// `SOCK_SEQPACKET`: reliable, ordered records with boundaries.
  public static let sequencedPacket = SocketType(rawValue: CInt(SOCK_SEQPACKET.rawValue))
  /// `SOCK_RAW`: raw network protocol access.
  public static let raw = SocketType(rawValue: CInt(SOCK_RAW.rawValue))

  public var description: String {
    switch self {
    case .stream: "SOCK_STREAM"
    case .datagram: "SOCK_DGRAM"
    case .sequencedPacket: "SOCK_SEQPACKET"
    case .raw: "SOCK_RAW"
    default: "SOCK_\(rawValue)"
    }
  }
}
