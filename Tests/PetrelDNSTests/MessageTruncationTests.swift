import Testing

@testable import PetrelDNS

@Suite struct MessageTruncationTests {
  /// `count` A records at `name`, 192.0.2.0 upwards.
  static func aRecords(_ name: String, _ count: Int, from first: UInt8 = 0) throws -> [ResourceRecord] {
    let owner = try DomainName(name)
    return (0..<count).map {
      ResourceRecord(name: owner, ttl: 60, rdata: .a(IPv4Address(192, 0, 2, first &+ UInt8($0))))
    }
  }

  /// Ten RRsets of ten A records each: 100 records.
  static func hundredARecords() throws -> [ResourceRecord] {
    try (0..<10).flatMap { try aRecords("h\($0).example.com.", 10) }
  }

  static func isWholeRRSets(_ kept: [ResourceRecord], of all: [ResourceRecord]) -> Bool {
    let keptSets = Set(kept.map { RRSetKey(name: $0.name, type: $0.type, rrClass: $0.rrClass) })
    return all.filter { keptSets.contains(RRSetKey(name: $0.name, type: $0.type, rrClass: $0.rrClass)) } == kept
  }

  @Test func dropsWholeAnswerRRSetsAndSetsTC() throws {
    let answers = try Self.hundredARecords()
    let message = Message(
      id: 1, flags: [.qr, .rd], questions: [Question(name: try DomainName("example.com."), type: .a)],
      answers: answers, authorities: try Self.aRecords("ns.example.com.", 2),
      additionals: try Self.aRecords("glue.example.com.", 2), edns: EDNS(udpPayloadSize: 512, options: [.nsid([1])]))
    let bytes = try message.encode(maxSize: 512)
    #expect(bytes.count <= 512)
    let decoded = try Message(decoding: bytes)
    #expect(decoded.flags == [.qr, .rd, .tc])
    // 29 octets of header and question, 16 of OPT, then 163 per RRset of ten (19 + 9 × 16): two fit.
    #expect(decoded.answers == Array(answers.prefix(20)))
    #expect(Self.isWholeRRSets(decoded.answers, of: answers))
    #expect(decoded.authorities.isEmpty)
    #expect(decoded.additionals.isEmpty)
    #expect(decoded.edns == message.edns)
    #expect(decoded.questions == message.questions)
  }

  @Test func dropsAdditionalRRSetsFirstWithoutTC() throws {
    let additionals = try Self.hundredARecords()
    let message = Message(
      id: 2, flags: .qr, questions: [Question(name: try DomainName("example.com."), type: .ns)],
      answers: try Self.aRecords("example.com.", 2), authorities: try Self.aRecords("other.example.com.", 1),
      additionals: additionals, edns: EDNS())
    let bytes = try message.encode(maxSize: 512)
    #expect(bytes.count <= 512)
    let decoded = try Message(decoding: bytes)
    #expect(!decoded.flags.contains(.tc))
    #expect(decoded.answers == message.answers)
    #expect(decoded.authorities == message.authorities)
    #expect(!decoded.additionals.isEmpty)
    #expect(decoded.additionals.count % 10 == 0)
    #expect(decoded.additionals == Array(additionals.prefix(decoded.additionals.count)))
    #expect(decoded.edns == EDNS())
    // One more RRset would not have fitted.
    var larger = message
    larger.additionals = Array(additionals.prefix(decoded.additionals.count + 10))
    #expect(try larger.encode().count > 512)
  }

  @Test func neverSplitsAnRRSetWhoseRecordsAreApart() throws {
    let a = try Self.aRecords("a.example.", 2)
    let b = try Self.aRecords("b.example.", 1, from: 9)
    let message = Message(
      questions: [Question(name: try DomainName("a.example."), type: .a)], answers: [a[0], b[0], a[1]])
    #expect(try message.encode().count == 77)
    // 70 octets hold a[0] and b[0] (61) but the a set then is split: the whole a set (59) is kept instead.
    let decoded = try Message(decoding: message.encode(maxSize: 70))
    #expect(decoded.answers == a)
    #expect(decoded.flags == .tc)
  }

  @Test func anAnswerSetThatNeverFitsLeavesOnlyTheQuestion() throws {
    let message = Message(
      questions: [Question(name: try DomainName("example.com."), type: .a)],
      answers: try Self.aRecords("example.com.", 100))
    let decoded = try Message(decoding: message.encode(maxSize: 512))
    #expect(decoded.answers.isEmpty)
    #expect(decoded.flags == .tc)
    #expect(decoded.questions == message.questions)
  }

  @Test func refusesWhenHeaderQuestionAndOPTAloneDoNotFit() throws {
    let message = Message(
      questions: [Question(name: try DomainName("example.com."), type: .a)], edns: EDNS(options: [.padding(500)]))
    // 12 + 17 + 11 + 504 = 544 octets before any record.
    #expect(throws: DNSWireError.doesNotFit(required: 544, maxSize: 512)) { try message.encode(maxSize: 512) }
    #expect(try message.encode(maxSize: 544).count == 544)
    #expect(throws: DNSWireError.doesNotFit(required: 12, maxSize: 11)) { try Message().encode(maxSize: 11) }
    let huge = Message(edns: EDNS(options: [.padding(70_000)]))
    #expect(throws: DNSWireError.messageTooLarge) { try huge.encode() }
  }
}
