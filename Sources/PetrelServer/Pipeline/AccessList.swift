public import NIOCore
public import PetrelDNS

/// Which clients may query (`allow-from`), checked for every packet.
///
/// Holds the networks as plain masks per family so that a check is a few integer comparisons on the address
/// NIO already decoded, with no conversion through text. IPv4-mapped IPv6 clients (`::ffff:192.0.2.1`, seen
/// on dual-stack sockets) are judged as the IPv4 address they stand for.
public struct AccessList: Sendable {
  private let v4: [(network: UInt32, mask: UInt32)]
  private let v6: [(high: UInt64, low: UInt64, highMask: UInt64, lowMask: UInt64)]

  public init(_ networks: [IPNetwork]) {
    var v4: [(UInt32, UInt32)] = []
    var v6: [(UInt64, UInt64, UInt64, UInt64)] = []
    for network in networks {
      let length = network.prefixLength
      switch network.address {
      case .v4(let address):
        let mask: UInt32 = length == 0 ? 0 : ~0 << UInt32(32 - length)
        v4.append((address.value & mask, mask))
      case .v6(let address):
        let highMask: UInt64 = length >= 64 ? ~0 : (length == 0 ? 0 : ~0 << UInt64(64 - length))
        let lowMask: UInt64 = length <= 64 ? 0 : (length == 128 ? ~0 : ~0 << UInt64(128 - length))
        v6.append((address.high & highMask, address.low & lowMask, highMask, lowMask))
      }
    }
    self.v4 = v4
    self.v6 = v6
  }

  /// True when `address` lies in one of the networks.
  public func allows(_ address: IPAddress) -> Bool {
    switch address.unmapped {
    case .v4(let host): allowsV4(host.value)
    case .v6(let host): allowsV6(high: host.high, low: host.low)
    }
  }

  /// True when the client at `address` may query; UNIX-socket peers never may.
  @inline(__always)
  public func allows(_ address: SocketAddress) -> Bool {
    switch address {
    case .v4(let v4):
      return allowsV4(UInt32(bigEndian: v4.address.sin_addr.s_addr))
    case .v6(let v6):
      let (high, low) = withUnsafeBytes(of: v6.address.sin6_addr) { bytes in
        (
          UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
          UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        )
      }
      if high == 0, low >> 32 == 0xFFFF { return allowsV4(UInt32(truncatingIfNeeded: low)) }
      return allowsV6(high: high, low: low)
    case .unixDomainSocket:
      return false
    }
  }

  @inline(__always)
  private func allowsV4(_ host: UInt32) -> Bool {
    for entry in v4 where host & entry.mask == entry.network { return true }
    return false
  }

  @inline(__always)
  private func allowsV6(high: UInt64, low: UInt64) -> Bool {
    for entry in v6 where high & entry.highMask == entry.high && low & entry.lowMask == entry.low { return true }
    return false
  }
}
