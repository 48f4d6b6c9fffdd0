/// The one-bit flags of the DNS header, kept at their positions in the header's second 16-bit word.
///
/// An option set (rather than eight `Bool`s) so that a hot path can copy, mask and compare them in one
/// operation, and so that `rawValue` is exactly what goes on the wire once the opcode and rcode are added.
public struct MessageFlags: OptionSet, Sendable, Hashable {
  public var rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue & Self.mask }

  /// A response (as opposed to a query).
  public static let qr = MessageFlags(rawValue: 0x8000)
  /// Authoritative answer.
  public static let aa = MessageFlags(rawValue: 0x0400)
  /// Truncated: the answer did not fit, ask again over TCP.
  public static let tc = MessageFlags(rawValue: 0x0200)
  /// Recursion desired.
  public static let rd = MessageFlags(rawValue: 0x0100)
  /// Recursion available.
  public static let ra = MessageFlags(rawValue: 0x0080)
  /// The reserved bit; must be zero, kept so that a message round-trips.
  public static let z = MessageFlags(rawValue: 0x0040)
  /// Authentic data (RFC 4035 §3.2.3).
  public static let ad = MessageFlags(rawValue: 0x0020)
  /// Checking disabled (RFC 4035 §3.2.2).
  public static let cd = MessageFlags(rawValue: 0x0010)

  /// Every bit of the header word that is a flag (not opcode, not rcode).
  public static let mask: UInt16 = 0x87F0

  /// The flags `dig` prints, in its order, with their names.
  static let named: [(MessageFlags, String)] = [
    (.qr, "qr"), (.aa, "aa"), (.tc, "tc"), (.rd, "rd"), (.ra, "ra"), (.ad, "ad"), (.cd, "cd"),
  ]
}

extension MessageFlags: CustomStringConvertible {
  /// `qr aa rd`, as `dig` prints the flags line.
  public var description: String {
    Self.named.filter { contains($0.0) }.map(\.1).joined(separator: " ")
  }
}

/// The kind of a DNS message (RFC 1035 §4.1.1 OPCODE, 4 bits).
///
/// A struct rather than an enum so that an unassigned value read off the wire is kept, not rejected.
public struct Opcode: RawRepresentable, Sendable, Hashable {
  public var rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let query = Opcode(rawValue: 0)
  public static let iquery = Opcode(rawValue: 1)
  public static let status = Opcode(rawValue: 2)
  public static let notify = Opcode(rawValue: 4)
  public static let update = Opcode(rawValue: 5)
  /// DNS Stateful Operations (RFC 8490).
  public static let dso = Opcode(rawValue: 6)
}

extension Opcode: CustomStringConvertible {
  /// The name `dig` prints: `QUERY`, `NOTIFY`, `RESERVED3`.
  public var description: String {
    switch rawValue {
    case 0: "QUERY"
    case 1: "IQUERY"
    case 2: "STATUS"
    case 4: "NOTIFY"
    case 5: "UPDATE"
    case 6: "DSO"
    default: "RESERVED\(rawValue)"
    }
  }
}
