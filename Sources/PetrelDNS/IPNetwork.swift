/// An IPv4 or IPv6 address: what an upstream server, a client or a glue record has.
public enum IPAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
  case v4(IPv4Address)
  case v6(IPv6Address)

  /// Parses either family's text form.
  public init?(_ text: some StringProtocol) {
    if let v4 = IPv4Address(text) {
      self = .v4(v4)
    } else if text.contains(":"), let v6 = IPv6Address(text) {
      self = .v6(v6)
    } else {
      return nil
    }
  }

  public var description: String {
    switch self {
    case .v4(let address): address.description
    case .v6(let address): address.description
    }
  }

  public var isIPv6: Bool {
    if case .v6 = self { return true }
    return false
  }

  /// An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as the IPv4 address it stands for, others unchanged.
  public var unmapped: IPAddress {
    if case .v6(let address) = self, address.high == 0, address.low >> 32 == 0xFFFF {
      return .v4(IPv4Address(UInt32(truncatingIfNeeded: address.low)))
    }
    return self
  }

  public static func < (left: IPAddress, right: IPAddress) -> Bool {
    switch (left, right) {
    case (.v4(let a), .v4(let b)): a < b
    case (.v6(let a), .v6(let b)): a < b
    case (.v4, .v6): true
    case (.v6, .v4): false
    }
  }
}

/// A network prefix (`10.0.0.0/8`, `fe80::/10`): the unit of access lists and of the dont-query list.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
  public let address: IPAddress
  public let prefixLength: Int

  /// Builds the network; host bits of `address` beyond the prefix are cleared.
  public init?(address: IPAddress, prefixLength: Int) {
    switch address {
    case .v4(let v4):
      guard (0...32).contains(prefixLength) else { return nil }
      let mask: UInt32 = prefixLength == 0 ? 0 : ~0 << UInt32(32 - prefixLength)
      self.address = .v4(IPv4Address(v4.value & mask))
    case .v6(let v6):
      guard (0...128).contains(prefixLength) else { return nil }
      let (highMask, lowMask) = Self.v6Masks(prefixLength)
      self.address = .v6(IPv6Address(high: v6.high & highMask, low: v6.low & lowMask))
    }
    self.prefixLength = prefixLength
  }

  /// Parses `192.0.2.0/24`, `2001:db8::/32`, or a bare address (a host network).
  public init?(_ text: some StringProtocol) {
    let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
    guard let address = IPAddress(parts[0]) else { return nil }
    var length = address.isIPv6 ? 128 : 32
    if parts.count == 2 {
      guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber),
        let parsed = Int(parts[1])
      else { return nil }
      length = parsed
    }
    self.init(address: address, prefixLength: length)
  }

  /// True when `candidate` lies in this network; IPv4-mapped IPv6 addresses count as IPv4.
  public func contains(_ candidate: IPAddress) -> Bool {
    switch (address, candidate.unmapped) {
    case (.v4(let network), .v4(let host)):
      let mask: UInt32 = prefixLength == 0 ? 0 : ~0 << UInt32(32 - prefixLength)
      return host.value & mask == network.value
    case (.v6(let network), .v6(let host)):
      let (highMask, lowMask) = Self.v6Masks(prefixLength)
      return host.high & highMask == network.high && host.low & lowMask == network.low
    default:
      return false
    }
  }

  public var description: String { "\(address)/\(prefixLength)" }

  private static func v6Masks(_ length: Int) -> (UInt64, UInt64) {
    let high: UInt64 = length >= 64 ? ~0 : (length == 0 ? 0 : ~0 << UInt64(64 - length))
    let low: UInt64 = length <= 64 ? 0 : (length == 128 ? ~0 : ~0 << UInt64(128 - length))
    return (high, low)
  }

  /// Loopback, RFC 1918, link-local, CGNAT, unique-local and the other ranges that are not the public
  /// internet: PowerDNS Recursor's default `dont-query` and the default `allow-from` of Petrel.
  public static let privateAndLoopback: [IPNetwork] = [
    "127.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "192.168.0.0/16", "172.16.0.0/12",
    "0.0.0.0/8", "::1/128", "fc00::/7", "fe80::/10", "::/128",
  ].map { IPNetwork($0)! }
}
