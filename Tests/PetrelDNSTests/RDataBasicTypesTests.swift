import Testing

@testable import PetrelDNS

/// Encodes `rdata` into a fresh writer and decodes the octets back, as a record's RDATA would be.
private func wireRoundTrip(_ rdata: RData) throws(DNSWireError) -> (bytes: [UInt8], decoded: RData) {
  var writer = WireWriter()
  rdata.encode(to: &writer)
  let bytes = writer.bytes
  return (bytes, try decodeRData(rdata.type, bytes))
}

/// Decodes the octets of `message` from `offset` to its end as RDATA of `type`.
private func decodeRData(_ type: RRType, _ message: [UInt8], at offset: Int = 0) throws(DNSWireError) -> RData {
  let result = message.withUnsafeBytes { raw in
    Result { () throws(DNSWireError) -> RData in
      var reader = WireReader(message: raw, offset: offset)
      return try RData.decode(type: type, from: &reader, length: raw.count - offset)
    }
  }
  return try result.get()
}

/// `text` as wire octets of a `<character-string>`.
private func characterString(_ text: String) -> [UInt8] { [UInt8(text.utf8.count)] + Array(text.utf8) }

/// `name` in uncompressed wire form.
private func wire(_ name: String) -> [UInt8] { try! DomainName(name).wire }

private let origin = try! DomainName("example.com.")

@Suite struct RDataBasicTypesTests {
  /// Zone-file text, and what dig prints for it (checked against dig 9.18 serving the same zone from nsd).
  @Test(arguments: [
    (
      RRType.soa, "ns1 hostmaster ( 2024010101 7200 3600\n 1209600 300 )",
      "ns1.example.com. hostmaster.example.com. 2024010101 7200 3600 1209600 300"
    ),
    (.soa, ". . 0 0 0 0 4294967295", ". . 0 0 0 0 4294967295"),
    (.mx, "10 mail", "10 mail.example.com."),
    (.mx, "0 .", "0 ."),
    (.txt, #""v=spf1 -all""#, #""v=spf1 -all""#),
    (.txt, #""first" "second with space" unquoted"#, #""first" "second with space" "unquoted""#),
    (
      .txt, #""quote\" back\\ semi; tab\009 nul\000 high\255 del\127 brace( paren) at@ dollar$""#,
      #""quote\" back\\ semi; tab\009 nul\000 high\255 del\127 brace( paren) at@ dollar$""#
    ),
    (.txt, #""""#, #""""#),
    (.txt, #""a" "" "b""#, #""a" "" "b""#),
    (.txt, #"unquoted\"\065\ x"#, #""unquoted\"A x""#),
    (.srv, "0 5 5060 sipserver", "0 5 5060 sipserver.example.com."),
    (.srv, "65535 65535 65535 .", "65535 65535 65535 ."),
    (.naptr, #"100 10 "S" "SIP+D2U" "" _sip._udp"#, #"100 10 "S" "SIP+D2U" "" _sip._udp.example.com."#),
    (
      .naptr, #"100 50 "a" "z3950+N2L+N2C" "!^urn:cid:.+@([^\\.]+\\.)(.*)$!\\2!i" ."#,
      #"100 50 "a" "z3950+N2L+N2C" "!^urn:cid:.+@([^\\.]+\\.)(.*)$!\\2!i" ."#
    ),
    (.naptr, #"0 0 "" "" "" example.net."#, #"0 0 "" "" "" example.net."#),
    (.naptr, "1 2 U E2U+sip !^.*$!sip:x@example.net! .", #"1 2 "U" "E2U+sip" "!^.*$!sip:x@example.net!" ."#),
    (.caa, #"0 issue "letsencrypt.org""#, #"0 issue "letsencrypt.org""#),
    (.caa, "0 issue letsencrypt.org", #"0 issue "letsencrypt.org""#),
    (.caa, #"128 tbs "Unknown""#, #"128 tbs "Unknown""#),
    (.caa, #"0 iodef "mailto:security@example.com""#, #"0 iodef "mailto:security@example.com""#),
    (.caa, #"0 issue ";""#, #"0 issue ";""#),
    (.caa, #"0 issuewild """#, #"0 issuewild """#),
    (.caa, #"0 issue "quote\" back\\ nul\000 sp""#, #"0 issue "quote\" back\\ nul\000 sp""#),
    (.hinfo, #""Generic PC" "Linux""#, #""Generic PC" "Linux""#),
    (.hinfo, "INTEL-386 UNIX", #""INTEL-386" "UNIX""#),
    (.sshfp, "1 1 dd465c09cfa51fb45020cc83316fff21b9ec74ac", "1 1 DD465C09CFA51FB45020CC83316FFF21B9EC74AC"),
    (
      .sshfp, "4 2 ( 40b35fa3 1b0d7e4d 6a53b7c4aa7d3c7c\n 2b9f5f2a4de94b55a8a8a5c4b0d8e4d1 )",
      "4 2 40B35FA31B0D7E4D6A53B7C4AA7D3C7C2B9F5F2A4DE94B55A8A8A5C4 B0D8E4D1"
    ),
    (
      .tlsa, "3 1 1 0d6fce3368ef9f3fd04c0fd0b4d9d2f3c6e1e9a8b1ec1be4b4c30c7d0f5a6e5f",
      "3 1 1 0D6FCE3368EF9F3FD04C0FD0B4D9D2F3C6E1E9A8B1EC1BE4B4C30C7D 0F5A6E5F"
    ),
    (
      .tlsa,
      "3 0 2 ( 0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"
        + "2122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40 )",
      "3 0 2 0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C "
        + "1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738 393A3B3C3D3E3F40"
    ),
    (.tlsa, "0 0 0 ab", "0 0 0 AB"),
  ])
  func presentationWireRoundTrip(type: RRType, zoneText: String, digText: String) throws {
    let parsed = try RData(type: type, presentation: zoneText, origin: origin)
    #expect(parsed.type == type)
    #expect(parsed.presentation == digText)
    let (bytes, decoded) = try wireRoundTrip(parsed)
    #expect(decoded == parsed)
    #expect(decoded.presentation == digText)
    // dig's own text parses back to the same RDATA, and so does the generic form of the wire octets.
    #expect(try RData(type: type, presentation: digText) == parsed)
    #expect(try RData(type: type, presentation: "\\# \(bytes.count) \(PresentationText.hex(bytes))") == parsed)
  }

  @Test func soaAndMXNamesAreCompressed() throws {
    var writer = WireWriter()
    writer.writeName(origin, compress: false)
    let soa = try RData(type: .soa, presentation: "ns1 hostmaster 1 2 3 4 5", origin: origin)
    soa.encode(to: &writer)
    let mx = try RData(type: .mx, presentation: "10 mail", origin: origin)
    let mxStart = writer.count
    mx.encode(to: &writer)
    let soaRData =
      [3] + Array("ns1".utf8) + [0xC0, 0x00] + [10] + Array("hostmaster".utf8) + [0xC0, 0x00]
      + [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5]
    let mxRData: [UInt8] = [0, 10] + [4] + Array("mail".utf8) + [0xC0, 0x00]
    #expect(writer.bytes == origin.wire + soaRData + mxRData)
    #expect(try decodeRData(.mx, writer.bytes, at: mxStart) == mx)
    let soaOnly = Array(writer.bytes[..<mxStart])
    #expect(try decodeRData(.soa, soaOnly, at: origin.wire.count) == soa)
  }

  @Test func srvAndNAPTRNamesAreNeverCompressedButAcceptedCompressed() throws {
    let target = try DomainName("sip.example.com.")
    let srv = RData.srv(RData.SRV(priority: 1, weight: 2, port: 5060, target: target))
    let naptr = RData.naptr(
      try #require(
        RData.NAPTR(
          order: 100, preference: 10, flags: Array("S".utf8), services: Array("SIP+D2U".utf8), regexp: [],
          replacement: target)))
    for rdata in [srv, naptr] {
      var writer = WireWriter()
      writer.writeName(target, compress: false)
      let start = writer.count
      rdata.encode(to: &writer)
      let encoded = Array(writer.bytes[start...])
      #expect(Array(encoded.suffix(target.wire.count)) == target.wire)
      #expect(!encoded.contains(0xC0))
      // The same RDATA with the name replaced by a pointer to the copy at offset 0 decodes to the same value.
      let compressed = target.wire + encoded.dropLast(target.wire.count) + [0xC0, 0x00]
      #expect(try decodeRData(rdata.type, compressed, at: target.wire.count) == rdata)
    }
  }

  @Test func decodesHandWrittenRData() throws {
    let cases: [(RRType, [UInt8], String)] = [
      (.mx, [0x01, 0x00] + wire("mx.example."), "256 mx.example."),
      (.txt, characterString("abc") + [0], #""abc" """#),
      (.srv, [0, 1, 0, 2, 0x01, 0xBB] + [0], "1 2 443 ."),
      (
        .naptr, [0, 1, 0, 2] + characterString("U") + characterString("E2U+sip") + [0] + wire("x.example."),
        #"1 2 "U" "E2U+sip" "" x.example."#
      ),
      (
        .caa, [0x80] + characterString("issue") + Array("ca.example; x=\"y\"".utf8),
        #"128 issue "ca.example; x=\"y\"""#
      ),
      (.hinfo, characterString("cpu") + [1, 0xE9], #""cpu" "\233""#),
      (.sshfp, [3, 2, 0xDE, 0xAD], "3 2 DEAD"),
      (
        .tlsa, [2, 0, 1] + [UInt8](repeating: 0xAB, count: 29),
        "2 0 1 " + String(repeating: "AB", count: 28) + " AB"
      ),
    ]
    for (type, bytes, expected) in cases {
      #expect(try decodeRData(type, bytes).presentation == expected)
    }
  }

  @Test func decodesSOAWithBothNamesCompressed() throws {
    let message =
      origin.wire + [3] + Array("ns1".utf8) + [0xC0, 0x00] + [0xC0, 0x00]
      + [0x78, 0xA3, 0xF1, 0x75, 0, 0, 0x1C, 0x20, 0, 0, 0x0E, 0x10, 0, 0x12, 0x75, 0, 0, 0, 0x01, 0x2C]
    let soa = try decodeRData(.soa, message, at: origin.wire.count)
    #expect(soa.presentation == "ns1.example.com. example.com. 2024010101 7200 3600 1209600 300")
  }

  @Test(arguments: [
    (RRType.mx, [0, 10, 0xC0, 0x02], DNSWireError.forwardPointer(offset: 2)),
    (.srv, [0, 0, 0, 0, 0, 0, 0xC0, 0x40], .pointerOutOfRange(offset: 6)),
    (.naptr, [0, 0, 0, 0, 0, 0, 0, 0x80, 0x00], .badLabelType(offset: 7)),
    (.soa, [0xC0, 0x00], .forwardPointer(offset: 0)),
  ])
  func rejectsBadNames(type: RRType, bytes: [UInt8], expected: DNSWireError) {
    #expect(throws: expected) { try decodeRData(type, bytes) }
  }

  @Test(arguments: [
    // SOA: nothing, a name cut short, one octet short of the timers, one octet too many.
    (RRType.soa, [], DNSWireError.rdataLengthMismatch(type: .soa, offset: 0)),
    (.soa, [3, 0x6E, 0x73], .rdataLengthMismatch(type: .soa, offset: 0)),
    (.soa, [0, 0] + [UInt8](repeating: 0, count: 19), .rdataLengthMismatch(type: .soa, offset: 2)),
    (.soa, [0, 0] + [UInt8](repeating: 0, count: 21), .rdataLengthMismatch(type: .soa, offset: 2)),
    // MX: no exchange, an exchange that runs past the RDATA, an octet after it.
    (.mx, [0], .rdataLengthMismatch(type: .mx, offset: 0)),
    (.mx, [0, 10], .rdataLengthMismatch(type: .mx, offset: 0)),
    (.mx, [0, 10, 3, 0x61], .rdataLengthMismatch(type: .mx, offset: 2)),
    (.mx, [0, 10, 0, 0], .rdataLengthMismatch(type: .mx, offset: 0)),
    // TXT: empty, and character-strings longer than what is left.
    (.txt, [], .invalidRData(type: .txt, offset: 0, reason: "no character-string")),
    (
      .txt, [5, 0x61, 0x62],
      .invalidRData(type: .txt, offset: 0, reason: "character-string of 5 octets overruns the RDATA (2 left)")
    ),
    (
      .txt, [1, 0x61, 3, 0x62],
      .invalidRData(type: .txt, offset: 2, reason: "character-string of 3 octets overruns the RDATA (1 left)")
    ),
    // SRV: short of the target, an octet too many.
    (.srv, [0, 0, 0, 0, 0, 0], .rdataLengthMismatch(type: .srv, offset: 0)),
    (.srv, [0, 0, 0, 0, 0, 0, 0, 0], .rdataLengthMismatch(type: .srv, offset: 0)),
    // NAPTR: no strings, a string too long, no replacement, an octet too many.
    (.naptr, [0, 1], .rdataLengthMismatch(type: .naptr, offset: 0)),
    (.naptr, [0, 1, 0, 2], .rdataLengthMismatch(type: .naptr, offset: 4)),
    (
      .naptr, [0, 1, 0, 2, 5, 0x53],
      .invalidRData(type: .naptr, offset: 4, reason: "character-string of 5 octets overruns the RDATA (1 left)")
    ),
    (.naptr, [0, 1, 0, 2, 0, 0, 0], .rdataLengthMismatch(type: .naptr, offset: 7)),
    (.naptr, [0, 1, 0, 2, 0, 0, 0, 0, 0], .rdataLengthMismatch(type: .naptr, offset: 0)),
    // CAA: no tag length, an empty tag, a tag longer than the RDATA, a tag that is not alphanumeric.
    (.caa, [0], .rdataLengthMismatch(type: .caa, offset: 0)),
    (.caa, [0, 0], .invalidRData(type: .caa, offset: 1, reason: "empty tag")),
    (
      .caa, [0, 5, 0x69, 0x73],
      .invalidRData(type: .caa, offset: 1, reason: "tag of 5 octets overruns the RDATA (2 left)")
    ),
    (.caa, [0, 2, 0x61, 0x2D, 0x78], .invalidRData(type: .caa, offset: 1, reason: "tag is not letters and digits")),
    // HINFO: empty, no OS, a CPU string too long, an octet too many.
    (.hinfo, [], .rdataLengthMismatch(type: .hinfo, offset: 0)),
    (.hinfo, [1, 0x78], .rdataLengthMismatch(type: .hinfo, offset: 2)),
    (
      .hinfo, [3, 0x61],
      .invalidRData(type: .hinfo, offset: 0, reason: "character-string of 3 octets overruns the RDATA (1 left)")
    ),
    (.hinfo, [0, 0, 0], .rdataLengthMismatch(type: .hinfo, offset: 0)),
    // SSHFP and TLSA: short of the fixed fields, an empty fingerprint or association.
    (.sshfp, [1], .rdataLengthMismatch(type: .sshfp, offset: 0)),
    (.sshfp, [1, 1], .invalidRData(type: .sshfp, offset: 2, reason: "empty fingerprint")),
    (.tlsa, [3, 1], .rdataLengthMismatch(type: .tlsa, offset: 0)),
    (.tlsa, [3, 1, 1], .invalidRData(type: .tlsa, offset: 3, reason: "empty certificate association data")),
  ])
  func rejectsMalformedRData(type: RRType, bytes: [UInt8], expected: DNSWireError) {
    #expect(throws: expected) { try decodeRData(type, bytes) }
  }

  @Test(arguments: [
    (RRType.soa, "ns1. host. ( 1 2\n 3 x 5 )", 2, 4, "expire must be a number from 0 to 4294967295, not 'x'"),
    (.soa, "ns1. host. 1 2 3 4", 1, 19, "SOA record is missing its minimum"),
    (.soa, "ns1. host. 1 2 3 4 -5", 1, 20, "minimum must be a number from 0 to 4294967295, not '-5'"),
    (.mx, "10", 1, 3, "MX record is missing its mail exchanger"),
    (.mx, "65536 mail.", 1, 1, "preference must be a number from 0 to 65535, not '65536'"),
    (.mx, "10 a..b", 1, 4, "bad mail exchanger 'a..b': empty label"),
    (.txt, "", 1, 1, "TXT record is missing its text"),
    (.txt, "ok " + String(repeating: "x", count: 256), 1, 4, "text is longer than 255 octets"),
    (.txt, #"ok "bad\25""#, 1, 4, "\\DDD escape needs three digits"),
    (.srv, "1 2 3", 1, 6, "SRV record is missing its target"),
    (.srv, "1 2 3 a. b.", 1, 10, "unexpected 'b.' after the SRV data"),
    (.naptr, #"100 10 "S" "SIP+D2U" "" bad..name"#, 1, 25, "bad replacement 'bad..name': empty label"),
    (.naptr, "100 10 S SIP", 1, 13, "NAPTR record is missing its regexp"),
    (.caa, #"0 is-sue "x""#, 1, 3, "bad CAA tag 'is-sue': tag is not letters and digits"),
    (.caa, "256 issue x", 1, 1, "flags must be a number from 0 to 255, not '256'"),
    (.caa, "0 issue", 1, 8, "CAA record is missing its value"),
    (.hinfo, "a b c", 1, 5, "unexpected 'c' after the HINFO data"),
    (.sshfp, "1 1 abc", 1, 5, "fingerprint is not an even number of hexadecimal digits"),
    (.sshfp, "1 1 ( zz\n 00 )", 1, 7, "fingerprint is not an even number of hexadecimal digits"),
    (.sshfp, "1 1", 1, 4, "SSHFP record is missing its fingerprint"),
    (.tlsa, #"3 1 1 """#, 1, 7, "TLSA certificate association data must hold 1 to 65532 octets"),
    (.tlsa, "3 1 256 ab", 1, 5, "matching type must be a number from 0 to 255, not '256'"),
  ])
  func reportsParseErrorsWithPosition(type: RRType, text: String, line: Int, column: Int, message: String) {
    #expect(throws: PresentationError(line: line, column: column, message: message)) {
      try RData(type: type, presentation: text, origin: origin)
    }
  }

  @Test func initializersRefuseWhatTheWireCannotCarry() {
    let long = [UInt8](repeating: 0x61, count: 256)
    #expect(RData.TXT(strings: []) == nil)
    #expect(RData.TXT(strings: [[0x61], long]) == nil)
    #expect(RData.TXT(strings: [[UInt8]](repeating: [], count: 65536)) == nil)
    #expect(RData.TXT(["a", ""])?.strings == [[0x61], []])
    #expect(RData.HINFO(cpu: long, os: []) == nil)
    #expect(RData.HINFO(cpu: "x", os: "y")?.presentation == #""x" "y""#)
    #expect(RData.NAPTR(order: 0, preference: 0, flags: [], services: [], regexp: long, replacement: .root) == nil)
    #expect(RData.CAA(flags: 0, tag: "", value: "x") == nil)
    #expect(RData.CAA(flags: 0, tag: "is sue", value: "x") == nil)
    #expect(RData.CAA(flags: 0, tag: long, value: []) == nil)
    #expect(RData.CAA(flags: 128, tag: "issue", value: "ca.example")?.isIssuerCritical == true)
    #expect(RData.SSHFP(algorithm: 1, fingerprintType: 1, fingerprint: []) == nil)
    #expect(RData.TLSA(usage: 3, selector: 1, matchingType: 1, data: []) == nil)
    #expect(RData.TLSA(usage: 3, selector: 1, matchingType: 1, data: [UInt8](repeating: 0, count: 65533)) == nil)
  }

  @Test func longCAAValuesAndManyTXTStringsRoundTrip() throws {
    let value = [UInt8](repeating: 0x7A, count: 300)
    let caa = RData.caa(try #require(RData.CAA(flags: 0, tag: Array("issue".utf8), value: value)))
    #expect(try wireRoundTrip(caa).decoded == caa)
    #expect(try RData(type: .caa, presentation: caa.presentation) == caa)
    let txt = RData.txt(
      try #require(RData.TXT(strings: [[UInt8]](repeating: [UInt8](repeating: 0x41, count: 255), count: 3))))
    let (bytes, decoded) = try wireRoundTrip(txt)
    #expect(bytes.count == 768)
    #expect(decoded == txt)
  }

  /// Arbitrary octets never trap a decoder, and whatever decodes re-encodes to the same value; to the same
  /// octets too, unless the input held a pointer or (SOA) the encoder compressed the second name.
  @Test(arguments: [RRType.soa, .mx, .txt, .srv, .naptr, .caa, .hinfo, .sshfp, .tlsa])
  func arbitraryOctetsDecodeOrFailCleanly(type: RRType) throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(type.rawValue)
    func nextByte() -> UInt8 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return UInt8(truncatingIfNeeded: state >> 56)
    }
    var decodedCount = 0
    for round in 0..<3000 {
      let length = round % 40
      // Small values make plausible lengths and label counts, so decoders get past their first checks.
      let bytes = (0..<length).map { _ in nextByte() % (round % 2 == 0 ? 8 : 255) }
      guard let decoded = try? decodeRData(type, bytes) else { continue }
      decodedCount += 1
      var writer = WireWriter()
      decoded.encode(to: &writer)
      #expect(try decodeRData(type, writer.bytes) == decoded)
      if type != .soa && !bytes.contains(where: { $0 >= 0xC0 }) {
        #expect(writer.bytes == bytes, "\(type) \(bytes)")
      }
    }
    #expect(decodedCount > 0)
  }
}
