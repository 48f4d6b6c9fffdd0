/// An Extended DNS Error (RFC 8914): why a resolver answered as it did, beyond what the rcode can say.
///
/// Petrel attaches one to SERVFAIL and REFUSED answers so that an operator (or `dig`) can see the cause —
/// a bogus signature, an unreachable authority — without reading the resolver's logs.
public struct ExtendedDNSError: Sendable, Hashable {
  public var code: InfoCode
  /// Free text for humans (UTF-8 on the wire, may be empty).
  public var extraText: String

  public init(code: InfoCode, extraText: String = "") {
    self.code = code
    self.extraText = extraText
  }

  /// An INFO-CODE of the IANA "Extended DNS Error Codes" registry.
  ///
  /// A struct so that codes registered after this was written still decode and print.
  public struct InfoCode: RawRepresentable, Sendable, Hashable {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let otherError = InfoCode(rawValue: 0)
    public static let unsupportedDNSKEYAlgorithm = InfoCode(rawValue: 1)
    public static let unsupportedDSDigestType = InfoCode(rawValue: 2)
    public static let staleAnswer = InfoCode(rawValue: 3)
    public static let forgedAnswer = InfoCode(rawValue: 4)
    public static let dnssecIndeterminate = InfoCode(rawValue: 5)
    public static let dnssecBogus = InfoCode(rawValue: 6)
    public static let signatureExpired = InfoCode(rawValue: 7)
    public static let signatureNotYetValid = InfoCode(rawValue: 8)
    public static let dnskeyMissing = InfoCode(rawValue: 9)
    public static let rrsigsMissing = InfoCode(rawValue: 10)
    public static let noZoneKeyBitSet = InfoCode(rawValue: 11)
    public static let nsecMissing = InfoCode(rawValue: 12)
    public static let cachedError = InfoCode(rawValue: 13)
    public static let notReady = InfoCode(rawValue: 14)
    public static let blocked = InfoCode(rawValue: 15)
    public static let censored = InfoCode(rawValue: 16)
    public static let filtered = InfoCode(rawValue: 17)
    public static let prohibited = InfoCode(rawValue: 18)
    public static let staleNXDOMAINAnswer = InfoCode(rawValue: 19)
    public static let notAuthoritative = InfoCode(rawValue: 20)
    public static let notSupported = InfoCode(rawValue: 21)
    public static let noReachableAuthority = InfoCode(rawValue: 22)
    public static let networkError = InfoCode(rawValue: 23)
    public static let invalidData = InfoCode(rawValue: 24)
    public static let signatureExpiredBeforeValid = InfoCode(rawValue: 25)
    public static let tooEarly = InfoCode(rawValue: 26)
    public static let unsupportedNSEC3IterationsValue = InfoCode(rawValue: 27)
    public static let unableToConformToPolicy = InfoCode(rawValue: 28)
    public static let synthesized = InfoCode(rawValue: 29)
    public static let invalidQueryType = InfoCode(rawValue: 30)

    static let names: [String] = [
      "Other Error", "Unsupported DNSKEY Algorithm", "Unsupported DS Digest Type", "Stale Answer",
      "Forged Answer", "DNSSEC Indeterminate", "DNSSEC Bogus", "Signature Expired", "Signature Not Yet Valid",
      "DNSKEY Missing", "RRSIGs Missing", "No Zone Key Bit Set", "NSEC Missing", "Cached Error", "Not Ready",
      "Blocked", "Censored", "Filtered", "Prohibited", "Stale NXDOMAIN Answer", "Not Authoritative",
      "Not Supported", "No Reachable Authority", "Network Error", "Invalid Data",
      "Signature Expired before Valid", "Too Early", "Unsupported NSEC3 Iterations Value",
      "Unable to conform to policy", "Synthesized", "Invalid Query Type",
    ]

    /// The registry's name for the code, or nil for an unregistered one.
    public var name: String? { Int(rawValue) < Self.names.count ? Self.names[Int(rawValue)] : nil }
  }
}

extension ExtendedDNSError.InfoCode: CustomStringConvertible {
  /// `6 (DNSSEC Bogus)`, as `dig` prints it.
  public var description: String { name.map { "\(rawValue) (\($0))" } ?? "\(rawValue)" }
}
