import NIOCore
import NIOPosix
import PetrelDNS
import PetrelResolver
import Testing

/// The UDP path against a scripted server on loopback: acceptance, forgeries, junk, timeouts, refusals.
@Suite struct UDPTransportTests {
  let transport = NIOUpstreamTransport(group: MultiThreadedEventLoopGroup.singleton)

  @Test(arguments: ["127.0.0.1", "::1"])
  func answeredQueryIsAccepted(host: String) async throws {
    let query = try DNSFixtures.query(id: 0x1234)
    let answer = try DNSFixtures.answer(to: query)
    try await FakeUDPServer.with(host: host, script: { _ in [.send(answer)] }) { fake in
      let reply = try await transport.send(DNSFixtures.udp(query, to: fake.server))
      #expect(reply.message.id == 0x1234)
      #expect(reply.message.flags.contains(.qr))
      #expect(DNSFixtures.firstAddress(reply.message) == DNSFixtures.realAddress)
      #expect(reply.size == answer.count)
      #expect(reply.roundTrip > .zero)
      #expect(fake.log.all.map(\.query) == [query])
      #expect(transport.rejectedDatagrams == 0)
      #expect(transport.outcomes == UpstreamOutcomes(queriesUDP: 1, answered: 1))
    }
    #expect(await eventually { transport.openSockets == 0 })
  }

  @Test func lateAnswerTimesOut() async throws {
    let query = try DNSFixtures.query(id: 7)
    let answer = try DNSFixtures.answer(to: query)
    try await FakeUDPServer.with(script: { _ in [.pause(.seconds(3)), .send(answer)] }) { fake in
      await #expect(throws: UpstreamError.timeout) {
        try await transport.send(DNSFixtures.udp(query, to: fake.server, timeout: .milliseconds(200)))
      }
      #expect(transport.outcomes == UpstreamOutcomes(queriesUDP: 1, timeouts: 1))
    }
    #expect(await eventually { transport.openSockets == 0 })
  }

  @Test func forgeriesFromAnotherPortOrAddressAreIgnored() async throws {
    let query = try DNSFixtures.query(id: 0xBEEF)
    let forged = try DNSFixtures.answer(to: query, address: DNSFixtures.forgedAddress)
    let real = try DNSFixtures.answer(to: query)
    let script: FakeUDPServer.Script = { _ in
      [.sendFromOtherPort(forged), .sendFromOtherAddress(forged), .pause(.milliseconds(20)), .send(real)]
    }
    try await FakeUDPServer.with(script: script) { fake in
      let reply = try await transport.send(DNSFixtures.udp(query, to: fake.server))
      #expect(DNSFixtures.firstAddress(reply.message) == DNSFixtures.realAddress)
    }
  }

  @Test(arguments: ["127.0.0.1", "::1"])
  func wrongIDIsCountedAndTheRightOneAccepted(host: String) async throws {
    let query = try DNSFixtures.query(id: 0x0101)
    let wrong = try DNSFixtures.answer(to: query, address: DNSFixtures.forgedAddress, id: 0x0102)
    let real = try DNSFixtures.answer(to: query)
    try await FakeUDPServer.with(host: host, script: { _ in [.send(wrong), .send(real)] }) { fake in
      let reply = try await transport.send(DNSFixtures.udp(query, to: fake.server))
      #expect(reply.message.id == 0x0101)
      #expect(DNSFixtures.firstAddress(reply.message) == DNSFixtures.realAddress)
      #expect(transport.rejections == UpstreamRejections(wrongID: 1))
      #expect(transport.rejectedDatagrams == 1)
    }
  }

  @Test func garbageIsIgnoredThenTheQueryTimesOut() async throws {
    let query = try DNSFixtures.query(id: 0x5A5A)
    let junk: [[UInt8]] = [[], [0x5A], [0xFF, 0xFF, 0x00, 0x01, 0x02], Array(repeating: 0xEE, count: 40)]
    try await FakeUDPServer.with(script: { _ in junk.map { .send($0) } }) { fake in
      await #expect(throws: UpstreamError.timeout) {
        try await transport.send(DNSFixtures.udp(query, to: fake.server, timeout: .milliseconds(300)))
      }
      #expect(transport.rejections == UpstreamRejections(wrongID: 2, undecodable: 2))
    }
  }

  @Test func undecodableResponseWithTheRightIDIsReportedAsMalformedAtTheDeadline() async throws {
    let query = try DNSFixtures.query(id: 0x5A5A)
    // The right ID and QR, one question promised, nothing after the header.
    let broken: [UInt8] = [0x5A, 0x5A, 0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
    try await FakeUDPServer.with(script: { _ in [.send(broken)] }) { fake in
      await #expect(throws: UpstreamError.malformed(.sectionCountMismatch(section: .question, declared: 1, found: 0))) {
        try await transport.send(DNSFixtures.udp(query, to: fake.server, timeout: .milliseconds(300)))
      }
      #expect(transport.rejections == UpstreamRejections(undecodable: 1))
    }
  }

  @Test func junkAndReflectedQueryBeforeTheAnswerAreSkipped() async throws {
    let query = try DNSFixtures.query(id: 0x4242)
    let reflected = try query.encode()
    let real = try DNSFixtures.answer(to: query)
    let script: FakeUDPServer.Script = { _ in [.send([0x42, 0x42, 0x80]), .send(reflected), .send(real)] }
    try await FakeUDPServer.with(script: script) { fake in
      let reply = try await transport.send(DNSFixtures.udp(query, to: fake.server))
      #expect(DNSFixtures.firstAddress(reply.message) == DNSFixtures.realAddress)
      #expect(transport.rejections == UpstreamRejections(notResponse: 1, undecodable: 1))
    }
  }

  @Test func truncatedResponseIsHandedBackWithTC() async throws {
    let query = try DNSFixtures.query(id: 0x0C0C)
    let truncated = try Message(id: 0x0C0C, flags: [.qr, .aa, .tc], questions: query.questions).encode()
    try await FakeUDPServer.with(script: { _ in [.send(truncated)] }) { fake in
      let reply = try await transport.send(DNSFixtures.udp(query, to: fake.server))
      #expect(reply.message.flags.contains(.tc))
      #expect(reply.message.questions == query.questions)
      #expect(reply.message.answers.isEmpty)
    }
  }

  @Test func truncatedResponseCutMidRecordStillCarriesTCAndTheQuestion() async throws {
    let query = try DNSFixtures.query(id: 0x0C0D)
    let cut = try DNSFixtures.truncatedMidRecord(to: query)
    try await FakeUDPServer.with(script: { _ in [.send(cut)] }) { fake in
      let reply = try await transport.send(DNSFixtures.udp(query, to: fake.server))
      #expect(reply.message.id == 0x0C0D)
      #expect(reply.message.flags.contains(.tc))
      #expect(reply.message.questions == query.questions)
      #expect(reply.message.answers.isEmpty)
      #expect(transport.rejectedDatagrams == 0)
    }
  }

  /// The receive buffer holds what the query advertised, and never less than 2048 octets even without EDNS.
  @Test(arguments: [(EDNS(udpPayloadSize: 16_384), 800), (nil, 100)])
  func largeResponseWithinTheBufferArrivesWhole(edns: EDNS?, records: Int) async throws {
    let query = try DNSFixtures.query(id: 0x1A26, edns: edns)
    let answer = try DNSFixtures.largeAnswer(to: query, count: records)
    #expect(answer.count > 512 && answer.count <= max(2048, Int(edns?.udpPayloadSize ?? 0)))
    try await FakeUDPServer.with(script: { _ in [.send(answer)] }) { fake in
      let reply = try await transport.send(DNSFixtures.udp(query, to: fake.server))
      #expect(reply.size == answer.count)
      #expect(reply.message.answers.count == records)
    }
  }

  @Test(arguments: ["127.0.0.1", "::1"])
  func closedPortIsRefused(host: String) async throws {
    let server = try await FakeUDPServer.closedPort(host: host)
    let query = try DNSFixtures.query(id: 9)
    await #expect(throws: UpstreamError.refused) {
      try await transport.send(DNSFixtures.udp(query, to: server))
    }
    #expect(transport.outcomes == UpstreamOutcomes(queriesUDP: 1, refused: 1))
    #expect(transport.outcomes.failures == 1)
    #expect(await eventually { transport.openSockets == 0 })
  }
}
