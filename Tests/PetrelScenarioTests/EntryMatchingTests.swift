import PetrelDNS
import PetrelScenarioReplay
import Testing

@Suite struct EntryMatchingTests {
  static func entry(match: Set<MatchField>?, question: String = "www.example.com.", answers: [ResourceRecord] = [])
    -> ScenarioEntry
  {
    ScenarioEntry(
      line: 1, match: match, flags: [.qr, .rd, .ra], questions: [Question(name: name(question), type: .a)],
      answers: answers)
  }

  static func message(_ question: String, type: RRType = .a, flags: MessageFlags = [.qr, .rd, .ra]) -> Message {
    Message(id: 7, flags: flags, questions: [Question(name: name(question), type: type)])
  }

  @Test func namesMatchWithoutRegardToCaseExceptForQcase() {
    let asked = Self.message("WWW.Example.COM.")
    #expect(Self.entry(match: [.qname, .qtype]).matches(asked))
    #expect(!Self.entry(match: [.qcase]).matches(asked))
    #expect(!Self.entry(match: [.qtype]).matches(Self.message("www.example.com.", type: .aaaa)))
  }

  @Test func subdomainMatchesTheNameAndEverythingBelowIt() {
    let entry = Self.entry(match: [.subdomain], question: "example.com.")
    #expect(entry.matches(Self.message("example.com.")))
    #expect(entry.matches(Self.message("a.b.example.com.")))
    #expect(!entry.matches(Self.message("example.net.")))
  }

  @Test func anEntryWithoutMatchOrQuestionMatchesEverything() {
    #expect(Self.entry(match: nil).matches(Self.message("anything.org.")))
    let noQuestion = ScenarioEntry(line: 1, match: [.opcode, .qname, .qtype])
    #expect(noQuestion.matches(Self.message("anything.org.")))
  }

  @Test func flagsMustBeExactlyTheSame() {
    let mismatches = Self.entry(match: [.flags]).mismatches(Self.message("www.example.com.", flags: [.qr, .rd]))
    #expect(mismatches.map(\.description) == ["flags: expected [qr rd ra], got [qr rd]"])
  }

  @Test func sectionsCompareAsSetsWithTTLsIgnoredUnlessAsked() {
    let a = ResourceRecord(name: name("www.example.com."), ttl: 300, rdata: .a(IPv4Address(10, 0, 0, 1)))
    let b = ResourceRecord(name: name("www.example.com."), ttl: 300, rdata: .a(IPv4Address(10, 0, 0, 2)))
    var reply = Self.message("www.example.com.")
    reply.answers = [b, a].map { record in
      var record = record
      record.ttl = 17
      return record
    }
    #expect(Self.entry(match: [.answer], answers: [a, b]).matches(reply))
    #expect(!Self.entry(match: [.ttl], answers: [a, b]).matches(reply))
    let missing = Self.entry(match: [.answer], answers: [a]).mismatches(reply)
    #expect(missing.count == 1)
    #expect(missing.first?.field == .answer)
  }

  @Test func theTransportIsMatchedWhenKnown() {
    let overTCP = ScenarioEntry(line: 1, match: [.tcp])
    #expect(overTCP.matches(Self.message("x."), overTCP: true))
    #expect(!overTCP.matches(Self.message("x."), overTCP: false))
    #expect(ScenarioEntry(line: 1, match: [.udp]).matches(Self.message("x."), overTCP: false))
  }
}

@Suite struct EntryReplyTests {
  static let query = Message(
    id: 0x1234, flags: [], questions: [Question(name: name("WWW.example.com."), type: .a)],
    edns: EDNS(udpPayloadSize: 1232, dnssecOK: true))

  static func decoded(_ reply: ScriptedReply) throws -> Message {
    guard case .octets(let bytes) = reply else { throw ScenarioParseError(file: "", line: 0, message: "no octets") }
    return try Message(decoding: bytes)
  }

  @Test func copyIDTakesTheIDAndTheNamesLetterCaseAndEchoesEDNS() throws {
    let entry = ScenarioEntry(
      line: 1, adjust: [.copyID], flags: [.qr, .aa], questions: [Question(name: name("www.example.com."), type: .a)])
    let reply = try Self.decoded(entry.reply(to: Self.query))
    #expect(reply.id == 0x1234)
    #expect(reply.question?.name.description == "WWW.example.com.")
    #expect(reply.flags == [.qr, .aa])
    #expect(reply.edns?.dnssecOK == true)
  }

  @Test func copyQueryTakesTheWholeQuestion() throws {
    let entry = ScenarioEntry(
      line: 1, adjust: [.copyID, .copyQuery], questions: [Question(name: name("com."), type: .ns)])
    #expect(try Self.decoded(entry.reply(to: Self.query)).questions == Self.query.questions)
  }

  @Test func withoutCopyIDTheIDIsTheEntrysAndTheResolverWillDiscardIt() throws {
    let entry = ScenarioEntry(line: 1, flags: [.qr])
    #expect(try Self.decoded(entry.reply(to: Self.query)).id == 0)
  }

  @Test func rawOctetsAreSentAsTheyAreWithTheIDWrittenInForRawID() {
    let raw: [UInt8] = [0xFF, 0xFF, 0x81, 0x80]
    #expect(ScenarioEntry(line: 1, raw: raw).reply(to: Self.query) == .octets(raw))
    #expect(
      ScenarioEntry(line: 1, adjust: [.rawID], raw: raw).reply(to: Self.query) == .octets([0x12, 0x34, 0x81, 0x80]))
    #expect(ScenarioEntry(line: 1, adjust: [.doNotAnswer]).reply(to: Self.query) == .silence)
  }

  @Test func anEntryThatCannotBeEncodedSaysSo() {
    let entry = ScenarioEntry(line: 9, adjust: [.copyID], rcode: .badVers)
    guard case .unencodable(let reason) = entry.reply(to: Message(id: 1)) else {
      Issue.record("an extended rcode without EDNS was encoded")
      return
    }
    #expect(reason.contains("line 9"))
  }
}
