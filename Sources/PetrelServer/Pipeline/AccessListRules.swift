import PetrelDNS

/// One immutable set of `allow-from` networks, held as plain masks per family so that a check is a few integer
/// comparisons. ``AccessList`` publishes one of these at a time and swaps in a new one on `reload`.
final class AccessListRules: Sendable {
  private let v4: [(network: UInt32, mask: UInt32)]
  private let v6: [(high: UInt64, low: UInt64, highMask: UInt64, lowMask: UInt64)]

  init(_ networks: [IPNetwork]) {
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

  @inline(__always)
  func allowsV4(_ host: UInt32) -> Bool {
    for entry in v4 where host & entry.mask == entry.network { return true }
    return false
  }

  @inline(__always)
  func allowsV6(high: UInt64, low: UInt64) -> Bool {
    for entry in v6 where high & entry.highMask == entry.high && low & entry.lowMask == entry.low { return true }
    return false
  }
}
