import Testing

@testable import PetrelDNS

@Suite struct RDataDNSSECTypesTests {
  static let dnssecTypes: Set<RRType> = [.ds, .dnskey, .rrsig, .nsec, .nsec3, .nsec3param]
  static let digRecords = DigRecord.load(dnssecTypes)

  @Test func theDigFixtureHoldsEveryType() {
    #expect(Set(Self.digRecords.map(\.type)) == Self.dnssecTypes)
    #expect(Self.digRecords.count > 50)
  }

  @Test(arguments: digRecords)
  func roundTripsToWhatDigPrints(record: DigRecord) throws {
    #expect(try RDataTestSupport.roundTrip(record.type, record.rdata) == record.rdata)
  }

  @Test func damagedWireFailsCleanlyOrReencodesExactly() throws {
    try RDataTestSupport.checkMutations(of: Self.digRecords)
  }

  @Test(arguments: [
    // Generic RFC 3597 spellings of known types read as the typed value.
    (RRType.ds, ##"\# 5 0000000000"##, "0 0 0 00"),
    (.nsec3param, ##"\# 9 0100006404DEADBEEF"##, "1 0 100 DEADBEEF"),
    // Relaxed input that dig prints in its canonical form.
    (
      .ds, "60485 5 1 ( 2BB183AF5F22588179A53B0A 98631FAD1A292118 )",
      "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"
    ),
    (
      .dnskey,
      "256 3 5 ( AQOeiiR0GOMYkDshWoSKz9Xz\n fwJr1AYtsmx3TGkJaNXVbfi/\n 2pHm822aJ5iI9BMzNXxeYCmZ\n DRD99WYwYqUSdjMmmAphXdvx\n egXd/M5+X7OrzKBaMbCVdFLU\n Uh6DhweJBjEVv5f2wwjM9Xzc\n nOf+EPbtG9DMBmADjFDc2w/r\n ljwvFw== )",
      "256 3 5 AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822a J5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBa MbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/r ljwvFw=="
    ),
    (.rrsig, "A 13 2 300 1704110400 0 1 example. AAAA", "A 13 2 300 20240101120000 19700101000000 1 example. AAAA"),
    (
      .rrsig, "TYPE65400 15 2 0 4294967295 20380119031408 0 . AA==",
      "TYPE65400 15 2 0 21060207062815 20380119031408 0 . AA=="
    ),
    (.nsec, "host.example.com. ( A MX RRSIG NSEC TYPE1234 )", "host.example.com. A MX RRSIG NSEC TYPE1234"),
    (
      .nsec3, "1 1 12 aabbccdd ( 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG )",
      "1 1 12 AABBCCDD 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S A RRSIG"
    ),
    (.nsec3, "1 0 0 - 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S", "1 0 0 - 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S"),
    // Algorithm mnemonics (RFC 4034 §2.2, Appendix A.1), in any case, print as numbers.
    (
      .ds, "60485 RSASHA1 1 2BB183AF5F22588179A53B0A98631FAD1A292118",
      "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118"
    ),
    (.dnskey, "257 3 ecdsap256sha256 AA==", "257 3 13 AA=="),
    (
      .rrsig, "A ED25519 2 300 1704110400 0 1 example. AAAA", "A 15 2 300 20240101120000 19700101000000 1 example. AAAA"
    ),
  ])
  func normalisesPresentation(type: RRType, text: String, expected: String) throws {
    #expect(try RDataTestSupport.roundTrip(type, text) == expected)
  }

  @Test func decodesHandWrittenWire() throws {
    // The root zone's DS for KSK-2017.
    let digest = PresentationText.decodeHex(
      Array("E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D".utf8))!
    #expect(
      try RDataTestSupport.decode(.ds, [0x4F, 0x66, 8, 2] + digest)
        == .ds(RData.DS(keyTag: 20326, algorithm: 8, digestType: 2, digest: digest)))

    // RRSIG as NSD sent it for r1.extra.petrel.
    let signer = try DomainName("extra.petrel.")
    let rrsigWire: [UInt8] =
      [0x00, 0x01, 0x0D, 0x03, 0x00, 0x00, 0x0E, 0x10, 0x70, 0xDB, 0xD8, 0x80, 0x65, 0x92, 0xA9, 0x40, 0x30, 0x39]
      + signer.wire + Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
    let rrsig = try #require(
      try RDataTestSupport.decode(.rrsig, rrsigWire).rrsigValue)
    #expect(rrsig.typeCovered == .a)
    #expect(rrsig.expiration == 1_893_456_000)
    #expect(rrsig.inception == 1_704_110_400)
    #expect(rrsig.keyTag == 12345)
    #expect(rrsig.signerName == signer)
    #expect(
      rrsig.presentation
        == "A 13 3 3600 20300101000000 20240101120000 12345 extra.petrel. QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=")

    // NSEC3 with an empty type bitmap and NSEC3PARAM, from NSD's packets.
    let nsec3Wire: [UInt8] =
      [1, 1, 0xFF, 0xFF, 8, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x00, 0x11, 20] + Array(repeating: 0xFF, count: 20)
    let nsec3 = try RDataTestSupport.decode(.nsec3, nsec3Wire)
    #expect(nsec3.presentation == "1 1 65535 AABBCCDDEEFF0011 VVVVVVVVVVVVVVVVVVVVVVVVVVVVVVVV")
    #expect(nsec3.nsec3Value?.isOptOut == true)
    #expect(
      try RDataTestSupport.decode(.nsec3param, [1, 0, 0, 100, 4, 0xDE, 0xAD, 0xBE, 0xEF]).presentation
        == "1 0 100 DEADBEEF")
    #expect(try RDataTestSupport.decode(.dnskey, [0, 0, 3, 253, 0]).presentation == "0 3 253 AA==")
  }

  @Test func keyTagOfTheRootKSK2017() throws {
    let rdata = try RData(
      type: .dnskey,
      presentation:
        "257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU="
    )
    let key = try #require(rdata.dnskeyValue)
    #expect(key.keyTag == 20326)
    #expect(key.isZoneKey && key.isSecureEntryPoint && !key.isRevoked)
  }

  @Test(arguments: [
    // Key ids as `dig +multi` reported them for the keys ldns-keygen made for the fixture.
    (
      "257 3 13 4bQRqS2WdVHxpL95tU+1TvaWvGL84MXdo5waO0YQoRgTFq23QqMRDMhEfKYfwYjr/qTI7L1WSROaqLmlXtQccw==", UInt16(28784)
    ),
    (
      "256 3 8 AwEAAak1OIJ8cHgUbLeoinqTCKL1NoidTI0z9SxGmBXM88PEgzyAalkx2FoN5xzJgICN8yN1Uo0zAPX63DFZRoPbthXzKJNspFswAhzJx8uwsQqA3xTLTJFQV3T3p4NOrBz/mIzN8DpqWSyHVaQlzWaFi6pLDsADVKTAhScOPUJ8VrYV",
      13048
    ),
    // RSA/MD5 keys take their tag from the modulus (RFC 4034 Appendix B.1).
    ("256 3 1 AQIDBAUGBwgJ", 0x0708),
  ])
  func keyTags(text: String, expected: UInt16) throws {
    #expect(try RData(type: .dnskey, presentation: text).dnskeyValue?.keyTag == expected)
  }

  @Test(arguments: [
    (UInt32(0), "19700101000000"),
    (951_782_400, "20000229000000"),
    (1_704_110_400, "20240101120000"),
    (2_147_483_648, "20380119031408"),
    (4_294_967_295, "21060207062815"),
  ])
  func signatureTimesBothWays(seconds: UInt32, text: String) {
    #expect(DNSSECTime.format(seconds) == text)
    #expect(DNSSECTime.parse(Array(text.utf8)) == seconds)
    #expect(DNSSECTime.parse(Array(String(seconds).utf8)) == seconds)
  }

  @Test(arguments: [
    "20230229000000", "20241301000000", "20240100000000", "20240101240000", "19691231235959", "4294967296",
    "2024010112000", "", "+1",
  ])
  func rejectsBadSignatureTimes(text: String) {
    #expect(DNSSECTime.parse(Array(text.utf8)) == nil)
  }

  @Test func signerAndNextNamesMustNotBeCompressed() throws {
    let prefix = try DomainName("example.").wire
    let rrsigFixed: [UInt8] = [0, 1, 13, 2, 0, 0, 0, 60, 0, 0, 0, 2, 0, 0, 0, 1, 0, 7]
    let pointerOffset = prefix.count + rrsigFixed.count
    #expect(throws: DNSWireError.compressionNotAllowed(offset: pointerOffset)) {
      try RDataTestSupport.decode(.rrsig, rrsigFixed + [0xC0, 0x00, 0xAB], prefix: prefix)
    }
    #expect(throws: DNSWireError.compressionNotAllowed(offset: prefix.count)) {
      try RDataTestSupport.decode(.nsec, [0xC0, 0x00, 0x00, 0x01, 0x40], prefix: prefix)
    }
    // Encoding never compresses them either, even after the same name was written.
    let nsec = try RData(type: .nsec, presentation: "example. A")
    var writer = WireWriter()
    writer.writeName(try DomainName("example."), compress: true)
    nsec.encode(to: &writer)
    #expect(writer.bytes == prefix + prefix + [0, 1, 0x40])
  }

  @Test(arguments: [
    (RRType.dnskey, [UInt8]([1, 1, 3]), DNSWireError.truncated(offset: 3)),
    (.dnskey, [1, 1, 3, 8], .invalidRData(type: .dnskey, offset: 0, reason: "no public key")),
    (.ds, [0, 1, 8, 2, 0xAB], .invalidRData(type: .ds, offset: 0, reason: "digest type 2 needs 32 octets, not 1")),
    (.ds, [0, 1, 8], .truncated(offset: 3)),
    (
      .rrsig, [0, 1, 13, 2, 0, 0, 0, 60, 0, 0, 0, 2, 0, 0, 0, 1, 0, 7, 0],
      .invalidRData(type: .rrsig, offset: 0, reason: "no signature")
    ),
    (.nsec3param, [1, 0, 0, 0, 0, 0xFF], .rdataLengthMismatch(type: .nsec3param, offset: 0)),
    (.nsec3param, [1, 0, 0, 0, 4, 0xFF], .truncated(offset: 5)),
    (.nsec3, [1, 0, 0, 0, 0, 0], .invalidRData(type: .nsec3, offset: 5, reason: "empty next hashed owner name")),
    (
      .nsec, [0, 0, 2, 0x40, 0x00],
      .invalidRData(type: .nsec, offset: 1, reason: "type bitmap window ends in a zero octet")
    ),
  ])
  func rejectsMalformedWire(type: RRType, rdata: [UInt8], expected: DNSWireError) {
    #expect(throws: expected) { try RDataTestSupport.decode(type, rdata) }
  }

  @Test(arguments: [
    (
      RRType.dnskey, "257 3 8 AwEAAaz/tAm8yTn4Mfeh5e!I96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3",
      "public key is not valid base64"
    ),
    (.dnskey, "257 3 8 AwE", "public key is not valid base64"),
    (.dnskey, "257 3 8", "missing its public key"),
    (.dnskey, "257 3 RSASHA3 AA==", "algorithm must be a number from 0 to 255, not 'RSASHA3'"),
    (.rrsig, "A 13 2 300 20240230000000 20240101120000 1 example. AAAA", "expiration must be YYYYMMDDHHmmSS"),
    (.rrsig, "BOGUS 13 2 300 1 0 1 example. AAAA", "'BOGUS' is not a record type"),
    (.ds, "1 8 2 ABCD", "digest type 2 needs 32 octets, not 2"),
    (.ds, "1 8 9 ABC", "digest is not hexadecimal"),
    (.nsec, "next.example. A FOO", "'FOO' is not a record type"),
    (.nsec3, "1 0 0 - 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3W A", "next hashed owner name is not base32hex"),
    (.nsec3, "1 0 0 xyz 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S", "salt must be hexadecimal or '-'"),
    (.nsec3param, "1 0 65536 -", "iterations must be a number"),
  ])
  func rejectsMalformedPresentation(type: RRType, text: String, message: String) {
    let error = #expect(throws: PresentationError.self) { try RData(type: type, presentation: text) }
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }
}

extension RData {
  var rrsigValue: RRSIG? { if case .rrsig(let value) = self { value } else { nil } }
  var dnskeyValue: DNSKEY? { if case .dnskey(let value) = self { value } else { nil } }
  var nsec3Value: NSEC3? { if case .nsec3(let value) = self { value } else { nil } }
}
