import Testing

@testable import PetrelDNS

@Suite struct SVCBTests {
  static let digRecords = DigRecord.load([.svcb, .https])

  @Test func theDigFixtureHoldsBothTypes() {
    #expect(Set(Self.digRecords.map(\.type)) == [.svcb, .https])
    #expect(Self.digRecords.count >= 10)
  }

  @Test(arguments: digRecords)
  func roundTripsToWhatDigPrints(record: DigRecord) throws {
    #expect(try RDataTestSupport.roundTrip(record.type, record.rdata) == record.rdata)
  }

  @Test func damagedWireFailsCleanlyOrReencodesExactly() throws {
    try RDataTestSupport.checkMutations(of: Self.digRecords)
  }

  /// RFC 9460 Appendix D test vectors: presentation, wire, and how Petrel (like dig) prints them back.
  @Test(arguments: [
    ("0 foo.example.com.", "0000 03666f6f076578616d706c6503636f6d00", "0 foo.example.com."),
    ("1 .", "0001 00", "1 ."),
    (
      "16 foo.example.com. port=53", "0010 03666f6f076578616d706c6503636f6d00 0003 0002 0035",
      "16 foo.example.com. port=53"
    ),
    (
      "1 foo.example.com. key667=hello", "0001 03666f6f076578616d706c6503636f6d00 029b 0005 68656c6c6f",
      #"1 foo.example.com. key667="hello""#
    ),
    (
      #"1 foo.example.com. key667="hello\210qoo""#,
      "0001 03666f6f076578616d706c6503636f6d00 029b 0009 68656c6c6fd271 6f6f",
      #"1 foo.example.com. key667="hello\210qoo""#
    ),
    (
      #"1 foo.example.com. ipv6hint="2001:db8::1,2001:db8::53:1""#,
      "0001 03666f6f076578616d706c6503636f6d00 0006 0020 20010db8000000000000000000000001 20010db8000000000000000000530001",
      "1 foo.example.com. ipv6hint=2001:db8::1,2001:db8::53:1"
    ),
    (
      "16 foo.example.org. (alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1)",
      "0010 03666f6f076578616d706c65036f726700 0000 0004 00010004 0001 0009 026832 0568332d3139 0004 0004 c0000201",
      #"16 foo.example.org. mandatory=alpn,ipv4hint alpn="h2,h3-19" ipv4hint=192.0.2.1"#
    ),
    (
      #"16 foo.example.org. alpn="f\\\\oo\\,bar,h2""#,
      "0010 03666f6f076578616d706c65036f726700 0001 000c 08665c6f6f2c626172 026832",
      #"16 foo.example.org. alpn="f\\\\oo\\,bar,h2""#
    ),
    (
      #"16 foo.example.org. alpn=f\\\092oo\092,bar,h2"#,
      "0010 03666f6f076578616d706c65036f726700 0001 000c 08665c6f6f2c626172 026832",
      #"16 foo.example.org. alpn="f\\\\oo\\,bar,h2""#
    ),
  ])
  func rfc9460Vectors(text: String, hex: String, printed: String) throws {
    let wire = try #require(PresentationText.decodeHex(Array(hex.replacingOccurrences(of: " ", with: "").utf8)))
    let parsed = try RData(type: .svcb, presentation: text)
    #expect(RDataTestSupport.encode(parsed) == wire)
    let decoded = try RDataTestSupport.decode(.svcb, wire)
    #expect(decoded == parsed)
    #expect(decoded.presentation == printed)
  }

  @Test func parametersAreSortedAndTyped() throws {
    let rdata = try RData(
      type: .https, presentation: "1 svc.example. port=443 dohpath=/q{?dns} no-default-alpn alpn=h3 mandatory=port")
    guard case .https(let svcb) = rdata else {
      Issue.record("not HTTPS: \(rdata)")
      return
    }
    #expect(svcb.parameters.map(\.key) == [.mandatory, .alpn, .noDefaultALPN, .port, .dohPath])
    #expect(svcb.parameter(.port) == .port(443))
    #expect(svcb.parameter(.alpn) == .alpn([Array("h3".utf8)]))
    #expect(svcb.parameter(.dohPath) == .dohPath(Array("/q{?dns}".utf8)))
    #expect(!svcb.isAliasMode)
    // dig 9.18 has no name for dohpath and prints it as key7; so does Petrel.
    #expect(rdata.presentation == #"1 svc.example. mandatory=port alpn="h3" no-default-alpn port=443 key7="/q{?dns}""#)
  }

  @Test func targetNameIsNeverCompressed() throws {
    let prefix = try DomainName("example.").wire
    #expect(throws: DNSWireError.compressionNotAllowed(offset: prefix.count + 2)) {
      try RDataTestSupport.decode(.https, [0, 1, 0xC0, 0], prefix: prefix)
    }
    var writer = WireWriter()
    writer.writeName(try DomainName("example."), compress: true)
    RData.svcb(RData.SVCB(priority: 1, target: try DomainName("example."))).encode(to: &writer)
    #expect(writer.bytes == prefix + [0, 1] + prefix)
  }

  @Test(arguments: [
    // port (3) before alpn (1).
    (
      RRType.svcb, "0001 00 0003 0002 01bb 0001 0003 026832",
      DNSWireError.invalidRData(type: .svcb, offset: 9, reason: "SvcParam alpn after port")
    ),
    (
      .https, "0001 00 0003 0002 01bb 0003 0002 01bc",
      .invalidRData(type: .https, offset: 9, reason: "SvcParam port repeated")
    ),
    (.svcb, "0001 00 0003 0003 01bb", .rdataLengthMismatch(type: .svcb, offset: 3)),
    (.svcb, "0001 00 0003 0003 01bbcc", .invalidRData(type: .svcb, offset: 3, reason: "port needs 2 octets")),
    (.svcb, "0001 00 0002 0001 00", .invalidRData(type: .svcb, offset: 3, reason: "no-default-alpn takes no value")),
    (.svcb, "0001 00 0001 0003 036832", .invalidRData(type: .svcb, offset: 3, reason: "malformed alpn list")),
    (.svcb, "0001 00 0001 0000", .invalidRData(type: .svcb, offset: 3, reason: "empty alpn list")),
    (
      .svcb, "0001 00 0004 0003 c00002", .invalidRData(type: .svcb, offset: 3, reason: "ipv4hint needs whole addresses")
    ),
    (
      .svcb, "0001 00 0006 0004 20010db8",
      .invalidRData(type: .svcb, offset: 3, reason: "ipv6hint needs whole addresses")
    ),
    (
      .svcb, "0001 00 0000 0004 00030001 0001 0003 026832 0003 0002 01bb",
      .invalidRData(type: .svcb, offset: 3, reason: "mandatory keys out of order or repeated")
    ),
    (.svcb, "0001 00 0000 0002 0000", .invalidRData(type: .svcb, offset: 3, reason: "mandatory lists itself")),
    (
      .svcb, "0001 00 0000 0002 0003",
      .invalidRData(type: .svcb, offset: 9, reason: "mandatory key port is not present")
    ),
    (.svcb, "0001 00 ffff 0000", .invalidRData(type: .svcb, offset: 3, reason: "key 65535 is reserved")),
    (.svcb, "0001 00 0003", .truncated(offset: 5)),
    (.svcb, "00", .truncated(offset: 0)),
  ])
  func rejectsMalformedWire(type: RRType, hex: String, expected: DNSWireError) throws {
    let wire = try #require(PresentationText.decodeHex(Array(hex.replacingOccurrences(of: " ", with: "").utf8)))
    #expect(throws: expected) { try RDataTestSupport.decode(type, wire) }
  }

  @Test(arguments: [
    ("1 . port=1 port=2", "SvcParam port appears twice"),
    ("1 . foo=bar", "'foo=bar' is not a SvcParam key"),
    ("1 . key65536=x", "is not a SvcParam key"),
    ("1 . ipv4hint=192.0.2.1,192.0.2", "ipv4hint needs a list of IPv4 addresses"),
    ("1 . ipv6hint=192.0.2.1", "ipv6hint needs a list of IPv6 addresses"),
    ("1 . port=65536", "port must be a number"),
    ("1 . alpn", "alpn needs a list"),
    ("1 . alpn=h2,,h3", "alpn identifiers must be 1 to 255 octets"),
    ("1 . no-default-alpn=x", "no-default-alpn takes no value"),
    ("1 . mandatory=mandatory", "mandatory lists itself"),
    ("1 . mandatory=port,port port=1", "'port' appears twice in mandatory"),
    ("1 . mandatory=bogus", "unknown key 'bogus' in mandatory"),
    ("1 . mandatory=alpn port=1", "mandatory key alpn is not present"),
    ("1 . ech=not*base64", "ech must be base64"),
    ("1 . key65535=x", "key 65535 is reserved"),
    ("1", "missing its target name"),
  ])
  func rejectsMalformedPresentation(text: String, message: String) {
    let error = #expect(throws: PresentationError.self) { try RData(type: .svcb, presentation: text) }
    #expect(error?.message.contains(message) == true, "\(String(describing: error))")
  }
}
