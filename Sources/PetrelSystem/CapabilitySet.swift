/// A set of capabilities as the kernel stores one: a 64-bit mask, bit *n* for capability *n*.
///
/// It exists so the five per-thread sets (effective, permitted, inheritable, bounding, ambient) can be
/// read from capget or `/proc/self/status`, compared and printed the way `capsh --decode` prints them.
public struct CapabilitySet: OptionSet, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt64

  public init(rawValue: UInt64) { self.rawValue = rawValue }

  public init(_ capabilities: some Sequence<Capability>) {
    var mask: UInt64 = 0
    for capability in capabilities where (0..<64).contains(capability.rawValue) {
      mask |= 1 << UInt64(capability.rawValue)
    }
    self.init(rawValue: mask)
  }

  /// Parses a hexadecimal mask as `/proc/self/status` (`000001ffffffffff`) or capsh (`0x400`) writes it.
  public init?(hexMask: some StringProtocol) {
    var digits = Substring(hexMask)
    if digits.hasPrefix("0x") || digits.hasPrefix("0X") { digits = digits.dropFirst(2) }
    guard !digits.isEmpty, digits.count <= 16, let mask = UInt64(digits, radix: 16) else { return nil }
    self.init(rawValue: mask)
  }

  /// Every capability from 0 through `last`, as a full bounding set holds them.
  public static func all(through last: Capability) -> CapabilitySet {
    CapabilitySet((0...last.rawValue).map(Capability.init(rawValue:)))
  }

  public func contains(_ capability: Capability) -> Bool {
    (0..<64).contains(capability.rawValue) && rawValue & (1 << UInt64(capability.rawValue)) != 0
  }

  /// The members, lowest number first.
  public var capabilities: [Capability] {
    (0..<64).filter { rawValue & (1 << UInt64($0)) != 0 }.map { Capability(rawValue: Int32($0)) }
  }

  /// The mask as `/proc/self/status` prints it: sixteen hexadecimal digits.
  public var hexMask: String {
    let digits = String(rawValue, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }

  /// `capsh --decode` output: `0x0000000000000400=cap_net_bind_service`, or `0x0000000000000000=`.
  public var capshDecoded: String {
    "0x" + hexMask + "=" + capabilities.map(\.name).joined(separator: ",")
  }

  /// The names, comma-separated, or `none`.
  public var description: String {
    isEmpty ? "none" : capabilities.map(\.name).joined(separator: ",")
  }
}
