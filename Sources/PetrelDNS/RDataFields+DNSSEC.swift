extension RDataFields {
  /// The remaining fields joined and decoded as base64 (keys and signatures may be split by white space).
  public mutating func base64Remaining(_ what: String) throws(PresentationError) -> [UInt8] {
    let first = peek()
    let text = try remainingJoined(what)
    do {
      return try Base64.decode(text)
    } catch {
      throw failure("\(what) is not valid base64: \(error)", at: first ?? PresentationToken(text: []))
    }
  }

  /// The remaining fields joined and decoded as hexadecimal, at least one octet.
  public mutating func hexRemaining(_ what: String) throws(PresentationError) -> [UInt8] {
    let first = peek()
    let text = try remainingJoined(what)
    guard let data = PresentationText.decodeHex(text), !data.isEmpty else {
      throw failure("\(what) is not hexadecimal", at: first ?? PresentationToken(text: []))
    }
    return data
  }

  /// A record type mnemonic or `TYPEnnn`.
  public mutating func recordType(_ what: String) throws(PresentationError) -> RRType {
    let token = try next(what)
    guard let type = RRType(mnemonic: token.string) else {
      throw failure("'\(token.string)' is not a record type", at: token)
    }
    return type
  }

  /// An RRSIG time: `YYYYMMDDHHmmSS` or a number of seconds since 1970.
  public mutating func signatureTime(_ what: String) throws(PresentationError) -> UInt32 {
    let token = try next(what)
    guard let seconds = DNSSECTime.parse(token.text) else {
      throw failure("\(what) must be YYYYMMDDHHmmSS or seconds since 1970, not '\(token.string)'", at: token)
    }
    return seconds
  }

  /// An NSEC3 salt: hexadecimal, or `-` for none; at most 255 octets.
  public mutating func salt() throws(PresentationError) -> [UInt8] {
    let token = try next("salt")
    if token.text == [UInt8(ascii: "-")] { return [] }
    guard let salt = PresentationText.decodeHex(token.text), !salt.isEmpty else {
      throw failure("salt must be hexadecimal or '-', not '\(token.string)'", at: token)
    }
    guard salt.count <= 255 else { throw failure("salt is longer than 255 octets", at: token) }
    return salt
  }
}

extension PresentationText {
  /// An NSEC3 salt as `dig` prints it: upper-case hex, `-` when empty.
  static func salt(_ salt: [UInt8]) -> String { salt.isEmpty ? "-" : hex(salt) }
}

extension RDataFields {
  /// A DNSSEC algorithm: a decimal number, or its mnemonic (RFC 4034 §2.2 and Appendix A.1 require both to be
  /// accepted; the mnemonics are those of the IANA registry), in any case.
  public mutating func dnssecAlgorithm(_ what: String = "algorithm") throws(PresentationError) -> UInt8 {
    guard let token = peek(), let value = DNSSECAlgorithmMnemonic.value(of: token.string) else {
      return try integer(UInt8.self, what)
    }
    _ = try next(what)
    return value
  }
}

/// The mnemonics of the DNS Security Algorithm Numbers registry, for zone files written with names.
public enum DNSSECAlgorithmMnemonic {
  /// Mnemonic → number, upper case.
  public static let numbers: [String: UInt8] = [
    "RSAMD5": 1, "DH": 2, "DSA": 3, "RSASHA1": 5, "DSA-NSEC3-SHA1": 6, "RSASHA1-NSEC3-SHA1": 7, "RSASHA256": 8,
    "RSASHA512": 10, "ECC-GOST": 12, "ECDSAP256SHA256": 13, "ECDSAP384SHA384": 14, "ED25519": 15, "ED448": 16,
    "INDIRECT": 252, "PRIVATEDNS": 253, "PRIVATEOID": 254,
  ]

  /// The number `text` names, ignoring case; nil for anything else (numbers included).
  public static func value(of text: String) -> UInt8? {
    numbers[text.uppercased()]
  }
}
