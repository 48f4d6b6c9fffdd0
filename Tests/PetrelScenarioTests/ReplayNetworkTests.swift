import PetrelDNS
import PetrelResolver
import PetrelScenarioReplay
import Testing

@Suite struct ReplayNetworkTests {
  static let text = """
    CONFIG_END
    SCENARIO_BEGIN network
    RANGE_BEGIN 0 10
      ADDRESS 192.0.2.1
    ENTRY_BEGIN
    MATCH opcode qname
    ADJUST copy_id copy_query
    REPLY QR AA NOERROR
    SECTION QUESTION
    early.example. IN A
    ENTRY_END
    RANGE_END
    RANGE_BEGIN 11 20
      ADDRESS 192.0.2.1
    ENTRY_BEGIN
    MATCH opcode qname
    ADJUST copy_id copy_query
    REPLY QR AA NXDOMAIN
    SECTION QUESTION
    late.example. IN A
    ENTRY_END
    RANGE_END
    RANGE_BEGIN 30 40
    ENTRY_BEGIN
    MATCH opcode
    ADJUST copy_id copy_query
    REPLY QR REFUSED
    ENTRY_END
    RANGE_END
    STEP 1 QUERY
    ENTRY_BEGIN
    SECTION QUESTION
    early.example. IN A
    ENTRY_END
    STEP 25 REPLY
    ENTRY_BEGIN
    MATCH opcode qname
    ADJUST copy_id copy_query
    REPLY QR AA YXDOMAIN
    SECTION QUESTION
    once.example. IN A
    ENTRY_END
    SCENARIO_END
    """

  static func send(_ network: ReplayNetwork, _ name: String, to address: String = "192.0.2.1") async
    -> Result<Message, UpstreamError>
  {
    let query = Message.query(
      id: 99, name: try! DomainName(name), type: .a, recursionDesired: false,
      edns: EDNS(udpPayloadSize: 1232, dnssecOK: false))
    do {
      let reply = try await network.send(
        UpstreamQuery(
          message: query, server: UpstreamServer(address: IPAddress(address)!), transport: .udp, timeout: .seconds(1)))
      return .success(reply.message)
    } catch {
      return .failure(error)
    }
  }

  @Test func theRangeCoveringTheStepAndAddressAnswers() async throws {
    let network = ReplayNetwork(scenario: try InlineScenario.parse(Self.text))
    network.move(toStep: 5)
    #expect(try await Self.send(network, "early.example.").get().rcode == .noError)
    network.move(toStep: 15)
    #expect(try await Self.send(network, "late.example.").get().rcode == .nxDomain)
    #expect(network.unexpected.isEmpty)
    #expect(network.exchanges.map(\.step) == [5, 15])
  }

  @Test func aQueryNoEntryMatchesGetsSERVFAILAndIsUnexpected() async throws {
    let network = ReplayNetwork(scenario: try InlineScenario.parse(Self.text))
    network.move(toStep: 5)
    #expect(try await Self.send(network, "late.example.").get().rcode == .servFail)
    #expect(
      network.unexpected.map(\.description) == [
        "step 5: 192.0.2.1 udp late.example. A → no entry matches (answered SERVFAIL)"
      ])
  }

  @Test func anAddressNoRangeNamesIsServedByAnyRangeAndARangeWithoutAddressServesAll() async throws {
    let network = ReplayNetwork(scenario: try InlineScenario.parse(Self.text))
    network.move(toStep: 5)
    #expect(try await Self.send(network, "early.example.", to: "203.0.113.9").get().rcode == .noError)
    network.move(toStep: 35)
    #expect(try await Self.send(network, "anything.example.", to: "192.0.2.1").get().rcode == .refused)
  }

  @Test func aOneShotReplyAnswersOnceWhenNoRangeCoversTheStep() async throws {
    let network = ReplayNetwork(scenario: try InlineScenario.parse(Self.text))
    network.move(toStep: 22)
    #expect(try await Self.send(network, "once.example.").get().rcode == .yxDomain)
    #expect(try await Self.send(network, "once.example.").get().rcode == .servFail)
    #expect(network.exchanges.first?.answeredBy?.hasPrefix("STEP 25 REPLY") == true)
    #expect(network.unexpected.count == 1)
  }

  @Test func repliesPassTheTransportsScreen() async throws {
    let text = Self.text.replacingOccurrences(
      of: "ADJUST copy_id copy_query\nREPLY QR AA NOERROR", with: "REPLY QR AA NOERROR")
    let network = ReplayNetwork(scenario: try InlineScenario.parse(text))
    network.move(toStep: 5)
    // The entry's ID (0) is not the query's: the real transport would discard the datagram and time out.
    #expect(await Self.send(network, "early.example.") == .failure(.timeout))
  }
}

extension Result where Success == Message, Failure == UpstreamError {
  static func == (left: Self, right: Self) -> Bool {
    switch (left, right) {
    case (.success(let a), .success(let b)): a == b
    case (.failure(let a), .failure(let b)): a == b
    default: false
    }
  }
}
