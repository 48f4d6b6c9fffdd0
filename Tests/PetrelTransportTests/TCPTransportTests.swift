import NIOCore
import NIOPosix
import PetrelDNS
import PetrelResolver
import Testing

/// The TCP path against a scripted server on loopback: framing, fragments, early close, refusal, timeout.
@Suite struct TCPTransportTests {
  let transport = NIOUpstreamTransport(group: MultiThreadedEventLoopGroup.singleton)

  @Test(arguments: ["127.0.0.1", "::1"])
  func answeredQueryIsAccepted(host: String) async throws {
    let query = try DNSFixtures.query(id: 0x7777)
    let answer = try DNSFixtures.answer(to: query)
    try await FakeTCPServer.with(host: host, script: { _ in [.send(answer)] }) { fake in
      let reply = try await transport.send(DNSFixtures.tcp(query, to: fake.server))
      #expect(reply.message.id == 0x7777)
      #expect(DNSFixtures.firstAddress(reply.message) == DNSFixtures.realAddress)
      #expect(reply.size == answer.count)
      #expect(fake.log.all.map(\.query) == [query])
      #expect(transport.outcomes == UpstreamOutcomes(queriesTCP: 1, answered: 1))
    }
    #expect(await eventually { transport.openSockets == 0 })
  }

  @Test func answerInOneOctetWritesIsReassembled() async throws {
    let query = try DNSFixtures.query(id: 0x0001)
    let answer = try DNSFixtures.answer(to: query)
    try await FakeTCPServer.with(script: { _ in [.sendOneOctetAtATime(answer)] }) { fake in
      let reply = try await transport.send(DNSFixtures.tcp(query, to: fake.server))
      #expect(DNSFixtures.firstAddress(reply.message) == DNSFixtures.realAddress)
      #expect(reply.size == answer.count)
    }
  }

  @Test func wrongIDMessageIsSkippedAndTheNextAccepted() async throws {
    let query = try DNSFixtures.query(id: 0x2222)
    let wrong = try DNSFixtures.answer(to: query, address: DNSFixtures.forgedAddress, id: 0x2223)
    let real = try DNSFixtures.answer(to: query)
    let both = TCPStep.framed(wrong) + TCPStep.framed(real)
    try await FakeTCPServer.with(script: { _ in [.sendRaw(both)] }) { fake in
      let reply = try await transport.send(DNSFixtures.tcp(query, to: fake.server))
      #expect(DNSFixtures.firstAddress(reply.message) == DNSFixtures.realAddress)
      #expect(transport.rejections == UpstreamRejections(wrongID: 1))
    }
  }

  @Test func closeWithoutAnswerIsConnectionClosed() async throws {
    let query = try DNSFixtures.query(id: 3)
    try await FakeTCPServer.with(script: { _ in [.close] }) { fake in
      await #expect(throws: UpstreamError.connectionClosed) {
        try await transport.send(DNSFixtures.tcp(query, to: fake.server))
      }
    }
    #expect(await eventually { transport.openSockets == 0 })
  }

  @Test func closeInTheMiddleOfAnAnswerIsConnectionClosed() async throws {
    let query = try DNSFixtures.query(id: 4)
    let answer = try DNSFixtures.answer(to: query)
    let half = Array(TCPStep.framed(answer).prefix(answer.count / 2))
    try await FakeTCPServer.with(script: { _ in [.sendRaw(half), .close] }) { fake in
      await #expect(throws: UpstreamError.connectionClosed) {
        try await transport.send(DNSFixtures.tcp(query, to: fake.server))
      }
    }
  }

  @Test func silentServerTimesOut() async throws {
    let query = try DNSFixtures.query(id: 5)
    try await FakeTCPServer.with(script: { _ in [] }) { fake in
      await #expect(throws: UpstreamError.timeout) {
        try await transport.send(DNSFixtures.tcp(query, to: fake.server, timeout: .milliseconds(300)))
      }
    }
    #expect(await eventually { transport.openSockets == 0 })
  }

  @Test(arguments: ["127.0.0.1", "::1"])
  func connectionToAClosedPortIsRefused(host: String) async throws {
    let server = try await FakeTCPServer.closedPort(host: host)
    let query = try DNSFixtures.query(id: 6)
    await #expect(throws: UpstreamError.refused) {
      try await transport.send(DNSFixtures.tcp(query, to: server))
    }
    #expect(await eventually { transport.openSockets == 0 })
  }
}
