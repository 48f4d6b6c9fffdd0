import Testing

@testable import PetrelDNS

@Suite struct MessageTests {
  /// The message of RFC 1035 §4.1.4's logic, built by hand: every later name compresses to an earlier one.
  static let handBuiltBytes: [UInt8] = [
    0x12, 0x34, 0x85, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
    // question at 12: www(12) example(16) com(24)
    3, 0x77, 0x77, 0x77, 7, 0x65, 0x78, 0x61, 0x6D, 0x70, 0x6C, 0x65, 3, 0x63, 0x6F, 0x6D, 0, 0x00, 0x01, 0x00, 0x01,
    // answer: www.example.com → pointer to 12; A 192.0.2.1, TTL 300
    0xC0, 0x0C, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2C, 0x00, 0x04, 192, 0, 2, 1,
    // authority: example.com → pointer to 16; NS ns1 + pointer to 16, TTL 3600
    0xC0, 0x10, 0x00, 0x02, 0x00, 0x01, 0x00, 0x00, 0x0E, 0x10, 0x00, 0x06, 3, 0x6E, 0x73, 0x31, 0xC0, 0x10,
  ]

  static func handBuilt() throws -> Message {
    Message(
      id: 0x1234, flags: [.qr, .aa, .rd],
      questions: [Question(name: try DomainName("www.example.com."), type: .a)],
      answers: [
        ResourceRecord(name: try DomainName("www.example.com."), ttl: 300, rdata: .a(IPv4Address(192, 0, 2, 1)))
      ],
      authorities: [
        ResourceRecord(name: try DomainName("example.com."), ttl: 3600, rdata: .ns(try DomainName("ns1.example.com.")))
      ])
  }

  @Test func compressesNamesToTheExpectedBytes() throws {
    let bytes = try Self.handBuilt().encode()
    #expect(bytes == Self.handBuiltBytes)
    // Uncompressed: 12 + 21 + (17 + 14) + (13 + 10 + 17) = 104 octets; the three pointers save 37.
    #expect(bytes.count == 67)
    #expect(try Message(decoding: bytes) == Self.handBuilt())
  }

  @Test func roundTripsABuiltMessageWithEDNS() throws {
    let message = Message(
      id: 7, flags: [.qr, .rd, .ra, .cd], rcode: .badVers,
      questions: [Question(name: try DomainName("Example.ORG."), type: .aaaa)],
      answers: [
        ResourceRecord(name: try DomainName("example.org."), ttl: 60, rdata: .cname(try DomainName("x.example.org.")))
      ],
      additionals: [
        ResourceRecord(name: try DomainName("x.example.org."), ttl: 5, rdata: .a(IPv4Address(10, 0, 0, 1)))
      ],
      edns: EDNS(
        udpPayloadSize: 4096, dnssecOK: true,
        options: [.nsid(Array("petrel".utf8)), .extendedError(ExtendedDNSError(code: .dnssecBogus, extraText: "x"))]))
    let bytes = try message.encode()
    let decoded = try Message(decoding: bytes)
    #expect(decoded == message)
    #expect(decoded.questions[0].name.description == "Example.ORG.")
    #expect(bytes[3] & 0x0F == 0)  // BADVERS is 16: nothing in the header's four bits
    #expect(bytes[10...11] == [0, 2])  // ARCOUNT counts the OPT record
  }

  @Test func decodesAResponseCapturedFromNSDByteForByte() throws {
    let bytes = try Fixtures.bytes("nsd-response-www-a.bin")
    let message = try Message(decoding: bytes)
    #expect(message.id == 0xC309)
    #expect(message.flags == [.qr, .aa, .rd])
    #expect(message.opcode == .query)
    #expect(message.rcode == .noError)
    #expect(message.questions == [Question(name: try DomainName("www.example.com."), type: .a)])
    #expect(message.answers.map(\.rdata) == [.a(IPv4Address(192, 0, 2, 10)), .a(IPv4Address(192, 0, 2, 11))])
    #expect(
      message.authorities.map(\.rdata) == [
        .ns(try DomainName("ns1.example.com.")), .ns(try DomainName("ns2.example.com.")),
      ])
    #expect(message.additionals.count == 2)
    #expect(message.additionals.allSatisfy { $0.type == .a && $0.ttl == 3600 })
    #expect(message.edns == EDNS(udpPayloadSize: 1232, options: [.nsid(Array("petrel-test".utf8))]))
    // Petrel compresses exactly as NSD does, so the re-encoded message is the same octets.
    #expect(try message.encode() == bytes)
  }

  @Test func printsLikeDig() throws {
    let message = try Message(decoding: try Fixtures.bytes("nsd-response-www-a.bin"))
    let dig = try Fixtures.text("nsd-response-www-a.dig")
    // dig's text from the header line to the statistics; dig saw the same ID the fixture holds (0xC309).
    let lines = dig.split(separator: "\n", omittingEmptySubsequences: false)
    let start = try #require(lines.firstIndex { $0.hasPrefix(";; ->>HEADER<<-") })
    let end = try #require(lines.firstIndex { $0.hasPrefix(";; Query time") })
    let expected = lines[start..<end].joined(separator: "\n")
    func normalized(_ text: some StringProtocol) -> String {
      text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
        .joined(separator: "\n").trimmingTrailingNewlines()
    }
    #expect(message.id == 49929)
    #expect(normalized(message.presentation) == normalized(expected))
  }

  @Test func decodesAQueryCapturedFromDig() throws {
    let bytes = try Fixtures.bytes("dig-query-www-a.bin")
    let message = try Message(decoding: bytes)
    #expect(message.flags == [.rd, .ad])
    #expect(message.question == Question(name: try DomainName("www.example.com."), type: .a))
    let edns = try #require(message.edns)
    #expect(edns.udpPayloadSize == 1232)
    #expect(edns.dnssecOK == false)
    #expect(edns.options.count == 2)
    #expect(edns.options[0] == .nsid([]))
    guard case .cookie(let client, let server) = edns.options[1] else {
      Issue.record("second option is not a cookie: \(edns.options[1])")
      return
    }
    #expect(client == [0xA8, 0x8B, 0xAC, 0xDD, 0x90, 0x0C, 0xFE, 0x1B])
    #expect(server.isEmpty)
    #expect(try message.encode() == bytes)
  }

  @Test func decodesAnNXDOMAINCapturedFromNSD() throws {
    let bytes = try Fixtures.bytes("nsd-response-nxdomain-dnssec.bin")
    let message = try Message(decoding: bytes)
    #expect(message.rcode == .nxDomain)
    #expect(message.question == Question(name: try DomainName("nope.example.com."), type: .aaaa))
    #expect(message.answers.isEmpty)
    #expect(message.authorities.map(\.type) == [.soa])
    #expect(message.authorities.first?.ttl == 300)
    #expect(message.edns?.dnssecOK == true)
    #expect(message.presentation.contains(";; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 1091"))
    #expect(message.presentation.contains("; EDNS: version: 0, flags: do; udp: 1232"))
    let query = try Message(decoding: try Fixtures.bytes("dig-query-nxdomain-dnssec.bin"))
    #expect(query.id == message.id)
    #expect(query.edns?.dnssecOK == true)
  }

  @Test func buildsAQuery() throws {
    let name = try DomainName("example.net.")
    let query = Message.query(id: 99, name: name, type: .ns, recursionDesired: true, edns: EDNS())
    #expect(query.flags == .rd)
    #expect(query.questions == [Question(name: name, type: .ns, rrClass: .internet)])
    let bytes = try query.encode()
    #expect(bytes.count == 12 + 13 + 4 + 11)
    #expect(bytes[2...3] == [0x01, 0x00])
    #expect(try Message(decoding: bytes) == query)
    let plain = Message.query(id: 1, name: name, type: .a, recursionDesired: false, edns: nil)
    #expect(try plain.encode()[2...3] == [0, 0])
  }

  @Test func headerFieldsTravelInTheirBits() throws {
    let message = Message(id: 0xBEEF, flags: [.qr, .tc, .z], opcode: .notify, rcode: .refused)
    let bytes = try message.encode()
    #expect(bytes == [0xBE, 0xEF, 0x80 | 4 << 3 | 0x02, 0x40 | 5, 0, 0, 0, 0, 0, 0, 0, 0])
    #expect(try Message(decoding: bytes) == message)
    #expect(Opcode.update.description == "UPDATE")
    #expect(Opcode(rawValue: 3).description == "RESERVED3")
    #expect(RCode.servFail.description == "SERVFAIL")
    #expect(RCode.badCookie.description == "BADCOOKIE")
    #expect(RCode(rawValue: 3000).description == "RCODE3000")
  }

  @Test func refusesWhatTheWireCannotCarry() throws {
    #expect(throws: DNSWireError.extendedRCodeWithoutEDNS(rcode: 16)) { try Message(rcode: .badVers).encode() }
    #expect(throws: DNSWireError.rcodeOutOfRange(rcode: 4096)) {
      try Message(rcode: RCode(rawValue: 4096), edns: EDNS()).encode()
    }
    #expect(throws: DNSWireError.opcodeOutOfRange(opcode: 16)) { try Message(opcode: Opcode(rawValue: 16)).encode() }
    let opt = ResourceRecord(name: .root, rrClass: RRClass(512), ttl: 0, rdata: .opt([]))
    #expect(throws: DNSWireError.optInRecordSection(section: .additional)) {
      try Message(additionals: [opt]).encode()
    }
    #expect(throws: DNSWireError.optInRecordSection(section: .answer)) { try Message(answers: [opt]).encode() }
  }
}

extension String {
  fileprivate func trimmingTrailingNewlines() -> String {
    var result = self
    while result.hasSuffix("\n") { result.removeLast() }
    return result
  }
}
