import Testing

@testable import PetrelDNS

@Suite struct EDNSTests {
  private static func optRecord(of message: Message) throws -> ArraySlice<UInt8> {
    let bytes = try message.encode()
    let optLength = try #require(message.edns).encodedLength
    return bytes[(bytes.count - optLength)...]
  }

  @Test func splitsTheRCodeBetweenHeaderAndOPT() throws {
    // BADCOOKIE is 23 = 0x17: 7 in the header, 1 in the OPT TTL's top octet.
    let message = Message(
      id: 1, flags: .qr, rcode: .badCookie, edns: EDNS(udpPayloadSize: 1400, version: 0, dnssecOK: true))
    let bytes = try message.encode()
    #expect(bytes[3] & 0x0F == 7)
    #expect(try Self.optRecord(of: message) == [0, 0, 41, 0x05, 0x78, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00])
    let decoded = try Message(decoding: bytes)
    #expect(decoded.rcode == .badCookie)
    #expect(decoded == message)
  }

  @Test func keepsVersionAndReservedFlags() throws {
    let edns = EDNS(udpPayloadSize: 512, version: 1, options: [], reservedFlags: 0x4001)
    let message = Message(edns: edns)
    #expect(try Self.optRecord(of: message) == [0, 0, 41, 0x02, 0x00, 0x00, 0x01, 0x40, 0x01, 0x00, 0x00])
    #expect(try Message(decoding: message.encode()).edns == edns)
    #expect(edns.presentationLines == ["; EDNS: version: 1, flags:; MBZ: 0x4001, udp: 512"])
  }

  @Test func encodesEachOptionAsTheRFCsSay() throws {
    let subnet = try ClientSubnet(ipv4: IPv4Address(192, 0, 2, 123), prefixLength: 24)
    #expect(subnet.address == [192, 0, 2])
    let cases: [(EDNSOption, [UInt8])] = [
      (.nsid([]), [0, 3, 0, 0]),
      (.nsid([0x61]), [0, 3, 0, 1, 0x61]),
      (.cookie(client: [1, 2, 3, 4, 5, 6, 7, 8], server: []), [0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8]),
      (.padding(3), [0, 12, 0, 3, 0, 0, 0]),
      (.extendedError(ExtendedDNSError(code: .staleAnswer, extraText: "é")), [0, 15, 0, 4, 0, 3, 0xC3, 0xA9]),
      (.clientSubnet(subnet), [0, 8, 0, 7, 0, 1, 24, 0, 192, 0, 2]),
      (.unknown(code: 65001, data: [9]), [0xFD, 0xE9, 0, 1, 9]),
    ]
    for (option, expected) in cases {
      var writer = WireWriter()
      option.encode(to: &writer)
      #expect(writer.bytes == expected, "\(option)")
      #expect(option.encodedLength == expected.count)
      let message = Message(edns: EDNS(options: [option]))
      #expect(try Message(decoding: message.encode()) == message, "\(option)")
    }
  }

  @Test func keepsOddOptionsOpaque() throws {
    // Non-zero padding and non-UTF-8 extended error text are kept as they came, so they round-trip.
    for (code, data) in [(UInt16(12), [UInt8]([0, 1])), (15, [0, 6, 0xFF, 0xFE])] {
      let option = try EDNSOption.decode(code: code, data: data, offset: 0)
      #expect(option == .unknown(code: code, data: data))
    }
  }

  @Test func validatesClientSubnets() throws {
    #expect(throws: ClientSubnet.Invalid.bitsPastPrefix) {
      try ClientSubnet(family: 1, sourcePrefixLength: 23, address: [192, 0, 3])
    }
    #expect(throws: ClientSubnet.Invalid.addressLength(expected: 3, found: 4)) {
      try ClientSubnet(family: 1, sourcePrefixLength: 24, address: [192, 0, 2, 0])
    }
    #expect(throws: ClientSubnet.Invalid.prefixTooLong(129, maximum: 128)) {
      try ClientSubnet(family: 2, sourcePrefixLength: 129, address: [UInt8](repeating: 0, count: 17))
    }
    #expect(throws: ClientSubnet.Invalid.prefixTooLong(33, maximum: 32)) {
      try ClientSubnet(family: 1, sourcePrefixLength: 24, scopePrefixLength: 33, address: [192, 0, 2])
    }
    #expect(throws: ClientSubnet.Invalid.unknownFamily(3)) {
      try ClientSubnet(family: 3, sourcePrefixLength: 0, address: [])
    }
    let zero = try ClientSubnet(family: 2, sourcePrefixLength: 0, address: [])
    #expect(zero.presentation == "::/0/0")
    let v6 = try ClientSubnet(
      ipv6: try #require(IPv6Address("2001:db8:ffff::1")), prefixLength: 36, scopePrefixLength: 48)
    #expect(v6.address == [0x20, 0x01, 0x0D, 0xB8, 0xF0])
    #expect(v6.presentation == "2001:db8:f000::/36/48")
  }

  @Test func printsOptionsAsDigDoes() throws {
    let edns = EDNS(
      dnssecOK: true,
      options: [
        .nsid(Array("ns\u{1}".utf8)),
        .cookie(client: [0xA6, 0x7F, 0x7D, 0x90, 0x3D, 0x06, 0x25, 0x8C], server: [1, 2, 3, 4, 5, 6, 7, 8]),
        .extendedError(ExtendedDNSError(code: .noReachableAuthority, extraText: "at delegation example.")),
        .extendedError(ExtendedDNSError(code: .init(rawValue: 400))),
        .clientSubnet(try ClientSubnet(ipv4: IPv4Address(198, 51, 100, 7), prefixLength: 24)),
        .padding(12),
        .unknown(code: 65002, data: []),
      ])
    #expect(
      edns.presentationLines == [
        "; EDNS: version: 0, flags: do; udp: 1232",
        "; NSID: 6e 73 01 (\"ns.\")",
        "; COOKIE: a67f7d903d06258c0102030405060708",
        "; EDE: 22 (No Reachable Authority): (at delegation example.)",
        "; EDE: 400",
        "; CLIENT-SUBNET: 198.51.100.0/24/0",
        "; PADDING: (12 bytes)",
        "; OPT=65002:",
      ])
    #expect(RData.opt([.nsid([]), .padding(1)]).presentation == "NSID:; PADDING: (1 bytes)")
  }

  @Test func optIsAnRDataTypeOfItsOwn() throws {
    let bytes: [UInt8] = [0, 0, 41, 0x10, 0x00, 0, 0, 0, 0, 0, 8, 0, 3, 0, 0, 0, 12, 0, 0]
    let record = try bytes.withUnsafeBytes { raw throws(DNSWireError) in
      var reader = WireReader(message: raw)
      return try ResourceRecord.decode(from: &reader)
    }
    #expect(record.rdata == .opt([.nsid([]), .padding(0)]))
    #expect(record.type == .opt)
    #expect(record.rrClass.rawValue == 4096)
    var writer = WireWriter()
    record.encode(to: &writer)
    #expect(writer.bytes == bytes)
    #expect(throws: PresentationError.self) { try RData(type: .opt, presentation: "NSID") }
    #expect(try RData(type: .opt, presentation: "\\# 4 00030000") == .opt([.nsid([])]))
  }

  @Test func namesExtendedErrorCodes() {
    #expect(ExtendedDNSError.InfoCode.dnssecBogus.description == "6 (DNSSEC Bogus)")
    #expect(ExtendedDNSError.InfoCode.invalidData.name == "Invalid Data")
    #expect(ExtendedDNSError.InfoCode.invalidQueryType.name == "Invalid Query Type")
    #expect(ExtendedDNSError.InfoCode(rawValue: 31).name == nil)
  }
}
