import PetrelDNS
import PetrelResolver
import PetrelScenarioReplay
import Testing

@Suite struct ClientResponseBuilderTests {
  static let question = Question(name: name("WwW.example.com."), type: .a)

  static func query(flags: MessageFlags = [.rd, .cd], edns: EDNS? = EDNS(udpPayloadSize: 4096, dnssecOK: true))
    -> Message
  {
    Message(id: 42, flags: flags, questions: [question], edns: edns)
  }

  @Test func theResponseLooksAsPetreldSendsIt() {
    let record = ResourceRecord(name: name("www.example.com."), ttl: 60, rdata: .a(IPv4Address(10, 0, 0, 1)))
    let response = ClientResponseBuilder.response(
      to: Self.query(), question: Self.question, result: ResolutionResult(rcode: .noError, answers: [record]))
    #expect(response.id == 42)
    #expect(response.flags == [.qr, .ra, .rd, .cd])
    #expect(response.question?.name.description == "WwW.example.com.")
    #expect(response.answers == [record])
    #expect(response.additionals.isEmpty)
    #expect(response.edns?.dnssecOK == true)
    #expect(response.edns?.udpPayloadSize == 1232)
  }

  @Test func aSERVFAILCarriesAnExtendedErrorOnlyToEDNSClients() {
    let result = ResolutionResult(rcode: .servFail)
    let withEDNS = ClientResponseBuilder.response(to: Self.query(), question: Self.question, result: result)
    #expect(withEDNS.edns?.options == [.extendedError(ExtendedDNSError(code: .otherError))])
    let without = ClientResponseBuilder.response(to: Self.query(edns: nil), question: Self.question, result: result)
    #expect(without.edns == nil)
    #expect(without.flags == [.qr, .ra, .rd, .cd])
  }

  @Test func aLargeAnswerIsTruncatedToWhatTheClientCanReceive() throws {
    let records = (0..<60).map { index in
      ResourceRecord(name: name("www.example.com."), ttl: 60, rdata: .a(IPv4Address(10, 0, 0, UInt8(index))))
    }
    let query = Self.query(edns: nil)
    let response = ClientResponseBuilder.response(
      to: query, question: Self.question, result: ResolutionResult(rcode: .noError, answers: records))
    let octets = try #require(ClientResponseBuilder.udpOctets(response, query: query))
    #expect(octets.count <= 512)
    #expect(try Message(decoding: octets).flags.contains(.tc))
  }
}

@Suite struct ClientQueryAdmissionTests {
  static func octets(_ change: (inout Message) -> Void) -> [UInt8] {
    var message = Message(id: 1, flags: .rd, questions: [Question(name: name("example.com."), type: .a)])
    change(&message)
    return try! message.encode()
  }

  @Test func aStandardQueryIsResolved() {
    guard case .resolve(_, let question) = ClientQueryAdmission.admit(Self.octets { _ in }) else {
      Issue.record("not admitted")
      return
    }
    #expect(question.name == name("example.com."))
  }

  @Test func everythingElseIsDroppedOrRefusedAtOnce() {
    #expect(ClientQueryAdmission.admit([0, 1, 2]) == .drop)
    #expect(ClientQueryAdmission.admit(Self.octets { $0.flags.insert(.qr) }) == .drop)
    #expect(ClientQueryAdmission.admit(Self.octets { $0.opcode = .notify }) == .refuse(.notImp))
    #expect(ClientQueryAdmission.admit(Self.octets { $0.questions = [] }) == .refuse(.formErr))
    #expect(Self.octets { _ in }.count > 12)
    #expect(ClientQueryAdmission.admit(Array(Self.octets { _ in }.prefix(14))) == .refuse(.formErr))
    #expect(
      ClientQueryAdmission.admit(Self.octets { $0.edns = EDNS(udpPayloadSize: 1232, version: 1, dnssecOK: false) })
        == .refuse(.badVers))
    #expect(ClientQueryAdmission.admit(Self.octets { $0.questions[0].type = .axfr }) == .refuse(.refused))
    #expect(ClientQueryAdmission.admit(Self.octets { $0.questions[0].type = .opt }) == .refuse(.formErr))
    #expect(ClientQueryAdmission.admit(Self.octets { $0.questions[0].rrClass = .chaos }) == .refuse(.refused))
  }
}
