public import PetrelSystem

/// One descriptor the running daemon offers in a takeover, as the running daemon's kernel describes it: its
/// number there, what it is for, and the socket's family, type, protocol, local address and state.
///
/// It exists so that the new daemon can check every descriptor it receives against what it was promised
/// (with its own `SO_DOMAIN`, `SO_TYPE`, `SO_PROTOCOL`, `getsockname`, `SO_ACCEPTCONN`), and refuse the
/// takeover when anything differs, instead of serving a socket it does not understand.
public struct TakeoverSocketDescription: Codable, Sendable, Equatable, CustomStringConvertible {
  /// What the daemon uses the socket for.
  public enum Role: String, Codable, Sendable {
    /// A DNS listener over UDP (one of several per address: one per event loop).
    case dnsUDP = "dns-udp"
    /// A DNS listener over TCP (one per address).
    case dnsTCP = "dns-tcp"
    /// The control socket.
    case control
  }

  public var role: Role
  /// The descriptor's number in the running daemon: what `pidfd_getfd` takes.
  public var descriptor: Int32
  /// `inet`, `inet6` or `unix` (`SO_DOMAIN`).
  public var family: String
  /// `datagram` or `stream` (`SO_TYPE`).
  public var type: String
  /// `SO_PROTOCOL`: 17 for UDP, 6 for TCP, 0 for a UNIX socket.
  public var protocolNumber: Int32
  /// The numeric address (IPv6 without brackets), or the path of a UNIX socket.
  public var address: String
  /// The port; 0 for a UNIX socket.
  public var port: UInt16
  /// The IPv6 scope (interface index), 0 for none and for other families.
  public var scope: UInt32
  /// Whether `listen` was called on it (`SO_ACCEPTCONN`).
  public var listening: Bool

  /// The description of a socket the kernel reported as `info`.
  public init(role: Role, descriptor: Int32, info: SocketInfo) {
    self.role = role
    self.descriptor = descriptor
    switch info.domain {
    case .ipv4: family = "inet"
    case .ipv6: family = "inet6"
    case .unix: family = "unix"
    default: family = "\(info.domain.rawValue)"
    }
    switch info.type {
    case .datagram: type = "datagram"
    case .stream: type = "stream"
    default: type = "\(info.type.rawValue)"
    }
    protocolNumber = info.protocolNumber
    switch info.address {
    case .ipv4(let text, let boundPort):
      (address, port, scope) = (text, boundPort, 0)
    case .ipv6(let text, let boundPort, let scopeID):
      (address, port, scope) = (text, boundPort, scopeID)
    default:
      (address, port, scope) = (info.address.description, 0, 0)
    }
    listening = info.isListening
  }

  /// How `info` (what this process's kernel says of the received descriptor) differs from this description,
  /// field by field; empty when it is the socket that was described.
  public func differences(from info: SocketInfo) -> [String] {
    let actual = TakeoverSocketDescription(role: role, descriptor: descriptor, info: info)
    var differences: [String] = []
    func compare<Value: Equatable>(_ name: String, _ described: Value, _ found: Value) {
      if described != found { differences.append("\(name) \(found), described as \(described)") }
    }
    compare("family", family, actual.family)
    compare("type", type, actual.type)
    compare("protocol", protocolNumber, actual.protocolNumber)
    compare("address", address, actual.address)
    compare("port", port, actual.port)
    compare("scope", scope, actual.scope)
    compare("listening", listening, actual.listening)
    return differences
  }

  /// `dns-udp 127.0.0.1:53 (descriptor 7)`.
  public var description: String {
    let place =
      switch family {
      case "inet": "\(address):\(port)"
      case "inet6": "[\(address)]:\(port)"
      default: address
      }
    return "\(role.rawValue) \(place) (descriptor \(descriptor))"
  }

  private enum CodingKeys: String, CodingKey {
    case role, descriptor, family, type, address, port, scope, listening
    case protocolNumber = "protocol"
  }
}
