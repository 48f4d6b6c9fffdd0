/// The EDNS Client Subnet option (RFC 7871): the part of a client's address an answer may be tailored to.
///
/// Its fields are validated on every construction — the address holds exactly the prefix's octets and the
/// bits past the prefix are zero (RFC 7871 §6) — so a value of this type can be sent or cached as it is.
public struct ClientSubnet: Sendable, Hashable {
  /// The address family (IANA Address Family Numbers): 1 for IPv4, 2 for IPv6.
  public private(set) var family: UInt16
  /// How many leading bits of the address the client disclosed.
  public private(set) var sourcePrefixLength: UInt8
  /// How many leading bits the answer depends on (zero in queries).
  public private(set) var scopePrefixLength: UInt8
  /// The disclosed prefix: `ceil(sourcePrefixLength / 8)` octets, bits past the prefix zero.
  public private(set) var address: [UInt8]

  public static let ipv4Family: UInt16 = 1
  public static let ipv6Family: UInt16 = 2

  /// Why a set of Client Subnet fields is not valid.
  public enum Invalid: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownFamily(UInt16)
    case prefixTooLong(UInt8, maximum: UInt8)
    case addressLength(expected: Int, found: Int)
    case bitsPastPrefix

    public var description: String {
      switch self {
      case .unknownFamily(let family): "unknown address family \(family)"
      case .prefixTooLong(let length, let maximum): "prefix length \(length) is over \(maximum)"
      case .addressLength(let expected, let found): "address has \(found) octets, the prefix needs \(expected)"
      case .bitsPastPrefix: "address has bits set past the source prefix"
      }
    }
  }

  /// Checks the fields exactly as they would travel on the wire.
  public init(
    family: UInt16, sourcePrefixLength: UInt8, scopePrefixLength: UInt8 = 0, address: [UInt8]
  ) throws(Invalid) {
    let maximum: UInt8
    switch family {
    case Self.ipv4Family: maximum = 32
    case Self.ipv6Family: maximum = 128
    default: throw .unknownFamily(family)
    }
    guard sourcePrefixLength <= maximum else { throw .prefixTooLong(sourcePrefixLength, maximum: maximum) }
    guard scopePrefixLength <= maximum else { throw .prefixTooLong(scopePrefixLength, maximum: maximum) }
    let expected = (Int(sourcePrefixLength) + 7) / 8
    guard address.count == expected else { throw .addressLength(expected: expected, found: address.count) }
    let spareBits = expected * 8 - Int(sourcePrefixLength)
    if spareBits > 0, let last = address.last {
      guard last & UInt8((1 << spareBits) - 1) == 0 else { throw .bitsPastPrefix }
    }
    self.family = family
    self.sourcePrefixLength = sourcePrefixLength
    self.scopePrefixLength = scopePrefixLength
    self.address = address
  }

  /// The subnet of `address` with `prefixLength` leading bits kept (at most 32), the rest cleared.
  public init(ipv4 address: IPv4Address, prefixLength: UInt8, scopePrefixLength: UInt8 = 0) throws(Invalid) {
    try self.init(
      family: Self.ipv4Family, sourcePrefixLength: prefixLength, scopePrefixLength: scopePrefixLength,
      address: Self.masked(address.octets, prefixLength: prefixLength))
  }

  /// The subnet of `address` with `prefixLength` leading bits kept (at most 128), the rest cleared.
  public init(ipv6 address: IPv6Address, prefixLength: UInt8, scopePrefixLength: UInt8 = 0) throws(Invalid) {
    try self.init(
      family: Self.ipv6Family, sourcePrefixLength: prefixLength, scopePrefixLength: scopePrefixLength,
      address: Self.masked(address.octets, prefixLength: prefixLength))
  }

  /// The first `ceil(prefixLength / 8)` octets with the bits past the prefix cleared.
  static func masked(_ octets: [UInt8], prefixLength: UInt8) -> [UInt8] {
    let count = min((Int(prefixLength) + 7) / 8, octets.count)
    var result = Array(octets.prefix(count))
    let spareBits = count * 8 - Int(prefixLength)
    if spareBits > 0, !result.isEmpty { result[count - 1] &= ~UInt8((1 << spareBits) - 1) }
    return result
  }

  /// The prefix in address form: `192.0.2.0/24/0` (source and scope lengths), as `dig` prints it.
  public var presentation: String {
    let full = family == Self.ipv4Family ? 4 : 16
    let octets = address + [UInt8](repeating: 0, count: max(0, full - address.count))
    let text =
      family == Self.ipv4Family
      ? IPv4Address(octets[0], octets[1], octets[2], octets[3]).description
      : IPv6Address(octets: octets)?.description ?? PresentationText.hex(address)
    return "\(text)/\(sourcePrefixLength)/\(scopePrefixLength)"
  }
}
