/// The two liberties Deckard's reader (dnspython) takes with DNSSEC record text that Petrel's zone-file parser
/// does not, applied to a record line before a second attempt at parsing it.
///
/// - An algorithm written as a mnemonic (`RSASHA1`, `DSA`) in DS, RRSIG and DNSKEY records, which RFC 4034
///   (§2.2, §3.2, §5.3) allows and PetrelDNS does not read yet, becomes its number.
/// - Base64 with surplus padding (`UNUSABLE==`), which Python decodes leniently, is re-padded.
enum DeckardRecordQuirks {
  /// The algorithm mnemonics of the IANA DNS Security Algorithm Numbers registry.
  static let algorithms: [String: Int] = [
    "RSAMD5": 1, "DH": 2, "DSA": 3, "RSASHA1": 5, "DSA-NSEC3-SHA1": 6, "RSASHA1-NSEC3-SHA1": 7, "RSASHA256": 8,
    "RSASHA512": 10, "ECC-GOST": 12, "ECDSAP256SHA256": 13, "ECDSAP384SHA384": 14, "ED25519": 15, "ED448": 16,
    "INDIRECT": 252, "PRIVATEDNS": 253, "PRIVATEOID": 254,
  ]

  /// The line rewritten, or nil when nothing in it needs to be.
  static func rewrite(_ line: Substring) -> String? {
    var words = ScenarioLine(number: 0, raw: line).words.map(String.init)
    guard
      let typeIndex = words.indices.dropFirst().first(where: { index in
        let word = words[index].uppercased()
        return !word.allSatisfy(\.isNumber) && !["IN", "CH", "HS", "CS"].contains(word)
      })
    else { return nil }
    let type = words[typeIndex].uppercased()
    let algorithmOffset: Int
    let base64Offset: Int?
    switch type {
    case "DS", "CDS": (algorithmOffset, base64Offset) = (2, nil)
    case "RRSIG": (algorithmOffset, base64Offset) = (2, 9)
    case "DNSKEY", "CDNSKEY": (algorithmOffset, base64Offset) = (3, 4)
    default: return nil
    }
    let original = words
    let algorithmIndex = typeIndex + algorithmOffset
    if algorithmIndex < words.count, let number = algorithms[words[algorithmIndex].uppercased()] {
      words[algorithmIndex] = String(number)
    }
    if let base64Offset, typeIndex + base64Offset < words.count {
      var text = words[(typeIndex + base64Offset)...].joined().filter { $0 != "=" }
      text += String(repeating: "=", count: (4 - text.count % 4) % 4)
      words.replaceSubrange((typeIndex + base64Offset)..., with: [text])
    }
    return words == original ? nil : words.joined(separator: " ")
  }
}
