extension RData.SVCB {
  /// A SvcParamKey (RFC 9460 §14.3.2): a 16-bit number, named in presentation when it is registered.
  ///
  /// A struct over the raw value, like `RRType`, so that keys Petrel does not interpret still round-trip.
  public struct ParameterKey: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let mandatory = ParameterKey(0)
    public static let alpn = ParameterKey(1)
    public static let noDefaultALPN = ParameterKey(2)
    public static let port = ParameterKey(3)
    public static let ipv4Hint = ParameterKey(4)
    public static let ech = ParameterKey(5)
    public static let ipv6Hint = ParameterKey(6)
    /// RFC 9461; `dig` 9.18 has no name for it and prints it as `key7`, so Petrel does too.
    public static let dohPath = ParameterKey(7)
    /// Reserved as "invalid key" (RFC 9460 §14.3.2); never valid in a record.
    public static let invalid = ParameterKey(65535)

    private static let names: [UInt16: String] = [
      0: "mandatory", 1: "alpn", 2: "no-default-alpn", 3: "port", 4: "ipv4hint", 5: "ech", 6: "ipv6hint",
    ]

    /// Parses a registered name (`alpn`, and `dohpath`) or the generic `key1234` form; nil otherwise.
    public init?(name: String) {
      if name == "dohpath" {
        self = .dohPath
      } else if let entry = Self.names.first(where: { $0.value == name }) {
        self.init(entry.key)
      } else if name.hasPrefix("key"), name.count > 3, name.dropFirst(3).allSatisfy(\.isASCIIDigit),
        let value = UInt16(name.dropFirst(3))
      {
        self.init(value)
      } else {
        return nil
      }
    }

    /// The name `dig` prints: the registered name, or `keyNNNNN`.
    public var description: String { Self.names[rawValue] ?? "key\(rawValue)" }

    public static func < (left: ParameterKey, right: ParameterKey) -> Bool { left.rawValue < right.rawValue }
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
