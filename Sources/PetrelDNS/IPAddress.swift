#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An IPv4 address, as the RDATA of an A record carries it.
///
/// PetrelDNS does no I/O and so does not depend on SwiftNIO's `SocketAddress`; this is the four octets and the
/// dotted-quad text form, nothing more.
public struct IPv4Address: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The address in host order: `192.0.2.1` is `0xC000_0201`.
  public var value: UInt32

  public init(_ value: UInt32) { self.value = value }

  public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
    value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
  }

  /// Parses the dotted-quad form; exactly four decimal parts, no leading `+`, each 0–255.
  public init?(_ text: some StringProtocol) {
    var parts: [UInt32] = []
    var current: UInt32 = 0
    var digits = 0
    for byte in text.utf8 {
      if byte == UInt8(ascii: ".") {
        guard digits > 0, parts.count < 3 else { return nil }
        parts.append(current)
        current = 0
        digits = 0
      } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        current = current * 10 + UInt32(byte - UInt8(ascii: "0"))
        digits += 1
        guard digits <= 3, current <= 255 else { return nil }
      } else {
        return nil
      }
    }
    guard digits > 0, parts.count == 3 else { return nil }
    parts.append(current)
    value = parts[0] << 24 | parts[1] << 16 | parts[2] << 8 | parts[3]
  }

  /// The four octets in network order.
  public var octets: [UInt8] {
    [
      UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
      UInt8(truncatingIfNeeded: value),
    ]
  }

  public var description: String {
    "\(value >> 24).\((value >> 16) & 0xFF).\((value >> 8) & 0xFF).\(value & 0xFF)"
  }

  public static func < (left: IPv4Address, right: IPv4Address) -> Bool { left.value < right.value }
}

/// An IPv6 address, as the RDATA of an AAAA record carries it; printed in the RFC 5952 form.
public struct IPv6Address: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The first and last eight octets, in host order.
  public var high: UInt64
  public var low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  /// Builds an address from sixteen octets in network order.
  public init?<Octets: Collection<UInt8>>(octets: Octets) {
    guard octets.count == 16 else { return nil }
    var high: UInt64 = 0
    var low: UInt64 = 0
    for (index, byte) in octets.enumerated() {
      if index < 8 { high = high << 8 | UInt64(byte) } else { low = low << 8 | UInt64(byte) }
    }
    self.init(high: high, low: low)
  }

  /// Parses any textual form `inet_pton` accepts (`::1`, `2001:db8::`, `::ffff:192.0.2.1`).
  public init?(_ text: some StringProtocol) {
    var storage = in6_addr()
    let parsed = String(text).withCString { inet_pton(AF_INET6, $0, &storage) }
    guard parsed == 1 else { return nil }
    let octets = withUnsafeBytes(of: &storage) { Array($0) }
    self.init(octets: octets)
  }

  /// The sixteen octets in network order.
  public var octets: [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(16)
    for shift in stride(from: 56, through: 0, by: -8) {
      result.append(UInt8(truncatingIfNeeded: high >> UInt64(shift)))
    }
    for shift in stride(from: 56, through: 0, by: -8) { result.append(UInt8(truncatingIfNeeded: low >> UInt64(shift))) }
    return result
  }

  public var description: String {
    var storage = in6_addr()
    withUnsafeMutableBytes(of: &storage) { raw in
      for (index, byte) in octets.enumerated() { raw[index] = byte }
    }
    var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    let text = buffer.withUnsafeMutableBufferPointer { out -> String in
      guard inet_ntop(AF_INET6, &storage, out.baseAddress, socklen_t(out.count)) != nil else { return "::" }
      return String(cString: out.baseAddress!)
    }
    return text
  }

  public static func < (left: IPv6Address, right: IPv6Address) -> Bool {
    (left.high, left.low) < (right.high, right.low)
  }
}
