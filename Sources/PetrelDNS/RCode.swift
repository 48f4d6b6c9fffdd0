/// The outcome of a DNS request: the full 12-bit response code.
///
/// The wire splits it in two (4 bits in the header, 8 more in the OPT record, RFC 6891 §6.1.3); the rest of
/// Petrel only ever sees the combined value, so that `BADVERS` and `BADCOOKIE` are as easy to test as `NXDOMAIN`.
public struct RCode: RawRepresentable, Sendable, Hashable {
  public var rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  public static let noError = RCode(rawValue: 0)
  public static let formErr = RCode(rawValue: 1)
  public static let servFail = RCode(rawValue: 2)
  public static let nxDomain = RCode(rawValue: 3)
  public static let notImp = RCode(rawValue: 4)
  public static let refused = RCode(rawValue: 5)
  public static let yxDomain = RCode(rawValue: 6)
  public static let yxRRSet = RCode(rawValue: 7)
  public static let nxRRSet = RCode(rawValue: 8)
  public static let notAuth = RCode(rawValue: 9)
  public static let notZone = RCode(rawValue: 10)
  /// DSO type not implemented (RFC 8490).
  public static let dsoTypeNI = RCode(rawValue: 11)
  /// Unsupported EDNS version (RFC 6891).
  public static let badVers = RCode(rawValue: 16)
  /// Bad or missing server cookie (RFC 7873).
  public static let badCookie = RCode(rawValue: 23)

  /// The largest value the wire can carry (4 header bits + 8 extended bits).
  public static let maximum: UInt16 = 0x0FFF

  /// The low four bits, which travel in the header.
  public var headerBits: UInt8 { UInt8(truncatingIfNeeded: rawValue & 0x0F) }
  /// The high eight bits, which travel in the OPT record's TTL.
  public var extendedBits: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 4) }

  /// Combines the header and OPT parts.
  public init(headerBits: UInt8, extendedBits: UInt8) {
    rawValue = UInt16(extendedBits) << 4 | UInt16(headerBits & 0x0F)
  }
}

extension RCode: CustomStringConvertible {
  /// The mnemonic `dig` prints (`NOERROR`, `SERVFAIL`), or `RCODE<n>` for an unassigned value.
  public var description: String {
    switch rawValue {
    case 0: "NOERROR"
    case 1: "FORMERR"
    case 2: "SERVFAIL"
    case 3: "NXDOMAIN"
    case 4: "NOTIMP"
    case 5: "REFUSED"
    case 6: "YXDOMAIN"
    case 7: "YXRRSET"
    case 8: "NXRRSET"
    case 9: "NOTAUTH"
    case 10: "NOTZONE"
    case 11: "DSOTYPENI"
    case 16: "BADVERS"
    case 17: "BADKEY"
    case 18: "BADTIME"
    case 19: "BADMODE"
    case 20: "BADNAME"
    case 21: "BADALG"
    case 22: "BADTRUNC"
    case 23: "BADCOOKIE"
    default: "RCODE\(rawValue)"
    }
  }
}
