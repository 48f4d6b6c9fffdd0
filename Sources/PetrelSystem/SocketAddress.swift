import Glibc

/// A socket's local address decoded from a `sockaddr`, in a form that can be compared and printed:
/// takeover checks received descriptors against what the old process said they were bound to.
public enum SocketAddress: Hashable, Sendable, CustomStringConvertible {
  /// An IPv4 address in dotted-quad text, and a port.
  case ipv4(address: String, port: UInt16)
  /// An IPv6 address in RFC 5952 text, a port, and the scope (interface index, 0 for none).
  case ipv6(address: String, port: UInt16, scopeID: UInt32)
  /// A UNIX socket bound to a filesystem path.
  case unixPath(String)
  /// A UNIX socket bound to an abstract name (shown with a leading `@`, as `ss` and systemd write it).
  case unixAbstract(String)
  /// A UNIX socket with no name (a `socketpair` end, or not bound).
  case unixUnnamed
  /// A family this type does not decode.
  case other(family: CInt)

  /// Decodes the first `length` bytes of `storage`, as `getsockname`/`getpeername` filled them.
  init(storage: sockaddr_storage, length: socklen_t) {
    var storage = storage
    self = withUnsafeBytes(of: &storage) { bytes in
      let family = CInt(bytes.load(as: sa_family_t.self))
      switch family {
      case AF_INET:
        let address = bytes.load(as: sockaddr_in.self)
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        var raw = address.sin_addr
        _ = inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
        return .ipv4(address: Self.string(text), port: UInt16(bigEndian: address.sin_port))
      case AF_INET6:
        let address = bytes.load(as: sockaddr_in6.self)
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        var raw = address.sin6_addr
        _ = inet_ntop(AF_INET6, &raw, &text, socklen_t(text.count))
        return .ipv6(
          address: Self.string(text), port: UInt16(bigEndian: address.sin6_port), scopeID: address.sin6_scope_id)
      case AF_UNIX:
        let pathOffset = MemoryLayout<sa_family_t>.size
        let pathBytes = Array(bytes[pathOffset..<max(pathOffset, min(Int(length), bytes.count))])
        guard let first = pathBytes.first else { return .unixUnnamed }
        if first == 0 {
          return .unixAbstract(String(decoding: pathBytes.dropFirst(), as: UTF8.self))
        }
        return .unixPath(String(decoding: pathBytes.prefix { $0 != 0 }, as: UTF8.self))
      default:
        return .other(family: family)
      }
    }
  }

  public var description: String {
    switch self {
    case .ipv4(let address, let port): "\(address):\(port)"
    case .ipv6(let address, let port, let scopeID):
      scopeID == 0 ? "[\(address)]:\(port)" : "[\(address)%\(scopeID)]:\(port)"
    case .unixPath(let path): path
    case .unixAbstract(let name): "@\(name)"
    case .unixUnnamed: "(unnamed)"
    case .other(let family): "(address family \(family))"
    }
  }

  private static func string(_ text: [CChar]) -> String {
    String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}
