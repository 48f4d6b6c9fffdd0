import PetrelTestSupport
import Testing

@testable import PetrelDNS

@Suite struct ZoneFileParserTests {
  private func parse(
    _ text: String, origin: String? = nil, defaultTTL: UInt32? = nil
  ) throws -> [ResourceRecord] {
    var parser = ZoneFileParser(text: text, origin: try origin.map { try DomainName($0) }, defaultTTL: defaultTTL)
    return try parser.parseAll()
  }

  private func record(_ owner: String, _ ttl: UInt32, _ type: RRType, _ data: String, rrClass: RRClass = .internet)
    throws -> ResourceRecord
  {
    ResourceRecord(
      name: try DomainName(owner), rrClass: rrClass, ttl: ttl, rdata: try RData(type: type, presentation: data))
  }

  @Test func readsTheSampleZone() throws {
    let records = try parse(try Fixtures.text("sample.zone"))
    let expected = [
      try record("example.org.", 3600, .ns, "ns1.example.org."),
      try record("example.org.", 3600, .ns, "ns1.example.net."),
      try record("example.org.", 300, .a, "192.0.2.1"),
      try record("example.org.", 600, .aaaa, "2001:db8::1"),
      try record("ns1.example.org.", 3600, .a, "192.0.2.53"),
      try record("www.example.org.", 9000, .cname, "example.org."),
      try record("old.example.org.", 3600, .dname, "new.example.net."),
      try record("host.sub.example.org.", 3600, .a, "198.51.100.7"),
      try record("host.sub.example.org.", 3600, .aaaa, "2001:db8:0:1::7"),
      try record("1.2.0.192.in-addr.arpa.", 86400, .ptr, "example.org."),
      try record("53.2.0.192.in-addr.arpa.", 3600, .ptr, "ns1.example.org."),
      try record(#"\@odd\.name.example.org."#, 3600, .a, "192.0.2.2"),
      try record("unknown.example.org.", 3600, RRType(65400), ##"\# 3 abcdef"##),
    ]
    #expect(records == expected)
    #expect(records[11].name.labels.first.map { Array($0) } == Array("@odd.name".utf8))
  }

  @Test func classAndTTLComeInEitherOrder() throws {
    let records = try parse(
      """
      a.example. 60 IN A 192.0.2.1
      b.example. IN 60 A 192.0.2.2
      c.example. CLASS1 7 A 192.0.2.3
      d.example. in 1m a 192.0.2.4
      """)
    #expect(records.map(\.ttl) == [60, 60, 7, 60])
    #expect(records.allSatisfy { $0.rrClass == .internet && $0.type == .a })
  }

  @Test func ownersAreAbsoluteRelativeAtOrInherited() throws {
    let records = try parse(
      """
      @ 60 NS ns
      www 60 A 192.0.2.1
        60 AAAA 2001:db8::1
      other.test. 60 A 192.0.2.2
      \tA 192.0.2.3
      """, origin: "example.com.")
    #expect(
      records.map(\.name.description) == [
        "example.com.", "www.example.com.", "www.example.com.", "other.test.", "other.test.",
      ])
    #expect(records[0].rdata == .ns(try DomainName("ns.example.com.")))
  }

  @Test func originChangesAbsolutelyAndRelatively() throws {
    let records = try parse(
      """
      $ORIGIN example.com.
      a 60 A 192.0.2.1
      $ORIGIN sub
      b 60 CNAME a
      $origin other.test.
      @ 60 A 192.0.2.2
      """)
    #expect(records.map(\.name.description) == ["a.example.com.", "b.sub.example.com.", "other.test."])
    #expect(records[1].rdata == .cname(try DomainName("a.sub.example.com.")))
  }

  @Test func ttlDefaultsComeFromDollarTTLThenThePreviousRecord() throws {
    let withoutDirective = try parse(
      """
      a.example. 120 A 192.0.2.1
      b.example. A 192.0.2.2
      c.example. 5 A 192.0.2.3
      d.example. A 192.0.2.4
      """)
    #expect(withoutDirective.map(\.ttl) == [120, 120, 5, 5])

    let withDirective = try parse(
      """
      a.example. 120 A 192.0.2.1
      $TTL 1d
      b.example. A 192.0.2.2
      c.example. 5 A 192.0.2.3
      d.example. A 192.0.2.4
      $TTL 2w
      e.example. A 192.0.2.5
      """)
    #expect(withDirective.map(\.ttl) == [120, 86400, 5, 86400, 1_209_600])

    let fromTheCaller = try parse("a.example. A 192.0.2.1", defaultTTL: 42)
    #expect(fromTheCaller.map(\.ttl) == [42])
  }

  @Test func theFirstRecordSetsTheClass() throws {
    let records = try parse(
      """
      version.bind. 0 CH TYPE16 \\# 5 04 70657472
      hostname.bind. 0 TYPE16 \\# 5 04 70657472
      """)
    #expect(records.map(\.rrClass) == [.chaos, .chaos])
    #expect(records[0].type == .txt)
  }

  @Test func genericDataForAKnownTypeIsTyped() throws {
    let records = try parse("a.example. 60 A \\# 4 c0000201\nb.example. 60 TYPE1 192.0.2.1")
    #expect(records.map(\.rdata) == [.a(IPv4Address(192, 0, 2, 1)), .a(IPv4Address(192, 0, 2, 1))])
  }

  @Test func streamsRecordsWithTheirLocation() throws {
    var parser = ZoneFileParser(
      text: "$TTL 60\n\n; comment\na.example. A 192.0.2.1\n  A 192.0.2.2\n(b.example.\n A 192.0.2.3)\n")
    let first = try #require(try parser.nextEntry())
    #expect((first.line, first.column) == (4, 1))
    let second = try #require(try parser.nextEntry())
    #expect((second.line, second.column) == (5, 3))
    #expect(try parser.next()?.name == (try DomainName("b.example.")))
    #expect(try parser.next() == nil)
    #expect(parser.defaultTTL == 60)
  }

  @Test func errorsNameTheFile() throws {
    var parser = ZoneFileParser(
      text: "$ORIGIN example.\n\nwww 3600 IN AAA 192.0.2.1\n", fileName: "db.example")
    let error = #expect(throws: PresentationError.self) { try parser.parseAll() }
    #expect(error?.description == "db.example:3:13: unknown type 'AAA'")
    #expect(error?.file == "db.example")

    var tokenizerFailure = ZoneFileParser(text: "a. 60 A \"192", fileName: "db.x")
    let unterminated = #expect(throws: PresentationError.self) { try tokenizerFailure.parseAll() }
    #expect(unterminated?.description == "db.x:1:9: unterminated quoted string")
  }

  struct BadInput: CustomTestStringConvertible, Sendable {
    var text: String
    var line: Int
    var column: Int
    var message: String
    var origin: String? = "example."

    var testDescription: String { "\(line):\(column) \(message)" }
  }

  static let badInputs: [BadInput] = [
    .init(text: "www 3600 IN AAA 192.0.2.1", line: 1, column: 13, message: "unknown type 'AAA'"),
    .init(text: "a 60 TYPE65536 \\# 0", line: 1, column: 6, message: "unknown type 'TYPE65536'"),
    .init(
      text: "$INCLUDE other.zone", line: 1, column: 1,
      message:
        "$INCLUDE is not supported: Petrel opens no files on a zone's behalf; put the included records here instead"
    ),
    .init(
      text: "$GENERATE 1-9 h$ A 192.0.2.$", line: 1, column: 1,
      message: "unknown directive '$GENERATE' (only $ORIGIN and $TTL are supported)"),
    .init(text: "$TTL", line: 1, column: 5, message: "$TTL needs a TTL"),
    .init(text: "$ORIGIN ; none", line: 1, column: 8, message: "$ORIGIN needs a domain name"),
    .init(text: "$TTL 1h extra", line: 1, column: 9, message: "unexpected 'extra' after $TTL 1h"),
    .init(
      text: "$TTL 2147483648", line: 1, column: 6,
      message: "TTL '2147483648' exceeds 2147483647 seconds (RFC 2181)"),
    .init(text: "$TTL 3x", line: 1, column: 6, message: "TTL '3x' has unknown unit 'x' (use w, d, h, m or s)"),
    .init(
      text: "a 1h30 A 192.0.2.1", line: 1, column: 3,
      message: "TTL '1h30' ends in a number without a unit (use w, d, h, m or s)"),
    .init(
      text: "a 99999999999 A 192.0.2.1", line: 1, column: 3,
      message: "TTL '99999999999' exceeds 2147483647 seconds (RFC 2181)"),
    .init(
      text: "  $TTL 60", line: 1, column: 3, message: "directive '$TTL' must start at the beginning of the line"),
    .init(
      text: "\n  A 192.0.2.1", line: 2, column: 3,
      message: "entry starts with a blank, which repeats the previous owner name, but there is none"),
    .init(
      text: "www 60 A 192.0.2.1", line: 1, column: 1,
      message: "relative owner name 'www' needs an origin: end it with '.' or use $ORIGIN first", origin: nil),
    .init(
      text: "@ 60 A 192.0.2.1", line: 1, column: 1,
      message: "'@' stands for the origin, but no origin is set: use $ORIGIN first", origin: nil),
    .init(
      text: "$ORIGIN sub", line: 1, column: 9,
      message: "relative origin 'sub' needs an origin: end it with '.' or use $ORIGIN first", origin: nil),
    .init(text: "a..b. 60 A 192.0.2.1", line: 1, column: 1, message: "bad owner name 'a..b.': empty label"),
    .init(
      text: "x A 192.0.2.1", line: 1, column: 1,
      message: "no TTL is known for this record: give it one, or set $TTL before it"),
    .init(text: "x 60 60 A 192.0.2.1", line: 1, column: 6, message: "second TTL '60' in one record"),
    .init(text: "x IN 60 IN A 192.0.2.1", line: 1, column: 9, message: "second class 'IN' in one record"),
    .init(text: "x 60 IN", line: 1, column: 8, message: "record has no type"),
    .init(text: "x", line: 1, column: 2, message: "record has no type"),
    .init(
      text: "x 60 CH TYPE65400 \\# 0\ny 60 IN TYPE65400 \\# 0", line: 2, column: 6,
      message: "class IN differs from the class of the zone's first record, CH"),
    .init(
      text: "x 60 ANY 192.0.2.1", line: 1, column: 6,
      message: "ANY is a query type, not a type of record a zone file can hold"),
    .init(
      text: "x 60 \"A\" 192.0.2.1", line: 1, column: 6,
      message: "expected a TTL, class or type, not the quoted text \"A\""),
    .init(text: "x 60 A 192.0.2", line: 1, column: 8, message: "'192.0.2' is not an IPv4 address"),
    .init(text: "x 60 A", line: 1, column: 7, message: "A record is missing its IPv4 address"),
    .init(text: "x 60 A 192.0.2.1 192.0.2.2", line: 1, column: 18, message: "unexpected '192.0.2.2' after the A data"),
    .init(
      text: "x 60 AAAA (\n    2001:db8::zz )", line: 2, column: 5, message: "'2001:db8::zz' is not an IPv6 address"),
    .init(text: "x 60 A ( 192.0.2.1", line: 1, column: 8, message: "'(' is never closed"),
    .init(text: "x 60 A 192.0.2.1\n)", line: 2, column: 1, message: "')' without '('"),
    .init(text: "x 60 TYPE65400 \\# 2 abcdef", line: 1, column: 19, message: "generic data has 3 octets, not 2"),
    .init(text: "x 60 CNAME a..b", line: 1, column: 12, message: "bad canonical name 'a..b': empty label"),
    .init(
      text: "$ORIGIN example.\nok 60 A 192.0.2.1\n\n\tbad A 192.0.2.2", line: 4, column: 2,
      message: "unknown type 'bad'"),
  ]

  @Test(arguments: badInputs)
  func rejectsBadInputAtTheRightPlace(_ input: BadInput) throws {
    var parser = ZoneFileParser(text: input.text, origin: try input.origin.map { try DomainName($0) })
    let error = #expect(throws: PresentationError.self) { try parser.parseAll() }
    #expect(error == PresentationError(line: input.line, column: input.column, message: input.message))
  }

  /// Mutations of the sample zone: each must parse or fail with an error, never trap.
  @Test func neverTrapsOnMangledInput() throws {
    let sample = Array(try Fixtures.text("sample.zone").utf8)
    let alphabet = Array("$@()\";\\ \t\n.0123456789abcAIN#".utf8) + [0x00, 0xFF, 0xC3]
    var random = SplitMix64(seed: 2026)
    var failures = 0
    for _ in 0..<1500 {
      var bytes = sample
      for _ in 0...Int.random(in: 0..<6, using: &random) {
        let position = Int.random(in: 0..<bytes.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: bytes[position] = alphabet.randomElement(using: &random)!
        case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: position)
        default: bytes.remove(at: position)
        }
      }
      var parser = ZoneFileParser(text: String(decoding: bytes, as: UTF8.self))
      do {
        _ = try parser.parseAll()
      } catch {
        failures += 1
        #expect(error.line >= 1 && error.column >= 1 && !error.message.isEmpty)
      }
    }
    // Most single-byte damage to a zone file is noticed.
    #expect(failures > 500)
  }
}
