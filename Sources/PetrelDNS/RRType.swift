/// A resource record type (RFC 1035 §3.2.2 and the IANA registry).
///
/// A struct over the raw 16-bit value rather than an enum, so that every type on the wire, known or not,
/// round-trips; the mnemonics Petrel knows are static members.
public struct RRType: RawRepresentable, Hashable, Sendable, Comparable {
  public var rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }
  public init(_ rawValue: UInt16) { self.rawValue = rawValue }

  public static let a = RRType(1)
  public static let ns = RRType(2)
  public static let cname = RRType(5)
  public static let soa = RRType(6)
  public static let ptr = RRType(12)
  public static let hinfo = RRType(13)
  public static let mx = RRType(15)
  public static let txt = RRType(16)
  public static let aaaa = RRType(28)
  public static let srv = RRType(33)
  public static let naptr = RRType(35)
  public static let dname = RRType(39)
  public static let opt = RRType(41)
  public static let ds = RRType(43)
  public static let sshfp = RRType(44)
  public static let rrsig = RRType(46)
  public static let nsec = RRType(47)
  public static let dnskey = RRType(48)
  public static let nsec3 = RRType(50)
  public static let nsec3param = RRType(51)
  public static let tlsa = RRType(52)
  public static let svcb = RRType(64)
  public static let https = RRType(65)
  public static let ixfr = RRType(251)
  public static let axfr = RRType(252)
  public static let any = RRType(255)
  public static let caa = RRType(257)

  static let mnemonics: [(RRType, String)] = [
    (.a, "A"), (.ns, "NS"), (RRType(3), "MD"), (RRType(4), "MF"), (.cname, "CNAME"), (.soa, "SOA"),
    (RRType(7), "MB"), (RRType(8), "MG"), (RRType(9), "MR"), (RRType(10), "NULL"), (RRType(11), "WKS"),
    (.ptr, "PTR"), (.hinfo, "HINFO"), (RRType(14), "MINFO"), (.mx, "MX"), (.txt, "TXT"), (RRType(17), "RP"),
    (RRType(18), "AFSDB"), (RRType(24), "SIG"), (RRType(25), "KEY"), (.aaaa, "AAAA"), (RRType(29), "LOC"),
    (.srv, "SRV"), (.naptr, "NAPTR"), (RRType(36), "KX"), (RRType(37), "CERT"), (.dname, "DNAME"),
    (.opt, "OPT"), (RRType(42), "APL"), (.ds, "DS"), (.sshfp, "SSHFP"), (RRType(45), "IPSECKEY"),
    (.rrsig, "RRSIG"), (.nsec, "NSEC"), (.dnskey, "DNSKEY"), (RRType(49), "DHCID"), (.nsec3, "NSEC3"),
    (.nsec3param, "NSEC3PARAM"), (.tlsa, "TLSA"), (RRType(53), "SMIMEA"), (RRType(55), "HIP"),
    (RRType(59), "CDS"), (RRType(60), "CDNSKEY"), (RRType(61), "OPENPGPKEY"), (RRType(62), "CSYNC"),
    (RRType(63), "ZONEMD"), (.svcb, "SVCB"), (.https, "HTTPS"), (RRType(99), "SPF"), (RRType(108), "EUI48"),
    (RRType(109), "EUI64"), (RRType(249), "TKEY"), (RRType(250), "TSIG"), (.ixfr, "IXFR"), (.axfr, "AXFR"),
    (RRType(253), "MAILB"), (RRType(254), "MAILA"), (.any, "ANY"), (RRType(256), "URI"), (.caa, "CAA"),
  ]

  static let nameByValue: [UInt16: String] = Dictionary(
    uniqueKeysWithValues: mnemonics.map { ($0.0.rawValue, $0.1) })
  static let valueByName: [String: UInt16] = Dictionary(
    uniqueKeysWithValues: mnemonics.map { ($0.1, $0.0.rawValue) })

  /// Parses a mnemonic (`AAAA`, case-insensitive) or the generic `TYPE65400` form of RFC 3597.
  public init?(mnemonic: String) {
    let upper = mnemonic.uppercased()
    if let value = Self.valueByName[upper] {
      self.init(value)
    } else if upper.hasPrefix("TYPE"), let value = UInt16(upper.dropFirst(4)), !upper.dropFirst(4).hasPrefix("+") {
      self.init(value)
    } else {
      return nil
    }
  }

  /// True for types that only appear in questions (RFC 6895 §3.1: meta and query types).
  public var isMetaOrQueryType: Bool { rawValue == 41 || (rawValue >= 128 && rawValue <= 255) }

  public static func < (left: RRType, right: RRType) -> Bool { left.rawValue < right.rawValue }
}

extension RRType: CustomStringConvertible {
  /// The mnemonic, or `TYPEnnn` for a type Petrel has no name for.
  public var description: String { Self.nameByValue[rawValue] ?? "TYPE\(rawValue)" }
}

/// A resource record class (RFC 1035 §3.2.4); in practice always IN.
public struct RRClass: RawRepresentable, Hashable, Sendable {
  public var rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }
  public init(_ rawValue: UInt16) { self.rawValue = rawValue }

  public static let internet = RRClass(1)
  public static let chaos = RRClass(3)
  public static let hesiod = RRClass(4)
  public static let none = RRClass(254)
  public static let any = RRClass(255)

  /// Parses `IN`, `CH`, `HS`, `NONE`, `ANY` or the generic `CLASS3` form.
  public init?(mnemonic: String) {
    switch mnemonic.uppercased() {
    case "IN": self = .internet
    case "CH", "CHAOS": self = .chaos
    case "HS", "HESIOD": self = .hesiod
    case "NONE": self = .none
    case "ANY": self = .any
    case let upper where upper.hasPrefix("CLASS"):
      guard let value = UInt16(upper.dropFirst(5)), !upper.dropFirst(5).hasPrefix("+") else { return nil }
      self.init(value)
    default: return nil
    }
  }
}

extension RRClass: CustomStringConvertible {
  public var description: String {
    switch rawValue {
    case 1: "IN"
    case 3: "CH"
    case 4: "HS"
    case 254: "NONE"
    case 255: "ANY"
    default: "CLASS\(rawValue)"
    }
  }
}
