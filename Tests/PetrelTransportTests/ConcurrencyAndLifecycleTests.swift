import NIOCore
import NIOPosix
import PetrelDNS
import PetrelResolver
import Testing

/// Many queries at once, source-port randomisation, and cancellation.
@Suite struct ConcurrencyAndLifecycleTests {
  let transport = NIOUpstreamTransport(group: MultiThreadedEventLoopGroup.singleton)

  /// The server answers each query with an address made of its ID, so a mixed-up reply cannot go unnoticed.
  static func addressFor(_ id: UInt16) -> IPv4Address {
    IPv4Address(10, 0, UInt8(id >> 8), UInt8(id & 0xFF))
  }

  @Test func twoHundredConcurrentQueriesAreAllAnsweredCorrectly() async throws {
    let script: FakeUDPServer.Script = { query in
      [.send(try DNSFixtures.answer(to: query, address: Self.addressFor(query.id)))]
    }
    try await FakeUDPServer.with(script: script) { fake in
      let server = fake.server
      let transport = self.transport
      let ids: [UInt16] = (0..<200).map { UInt16($0 * 311 + 17) }
      let results = try await withThrowingTaskGroup(of: (UInt16, Message).self) { group in
        for id in ids {
          group.addTask {
            let query = try DNSFixtures.query(id: id, name: "q\(id).example.test")
            let reply = try await transport.send(DNSFixtures.udp(query, to: server, timeout: .seconds(20)))
            return (id, reply.message)
          }
        }
        var results: [UInt16: Message] = [:]
        for try await (id, message) in group { results[id] = message }
        return results
      }
      #expect(results.count == 200)
      for id in ids {
        let message = try #require(results[id])
        #expect(message.id == id)
        #expect(message.question?.name == (try DomainName("q\(id).example.test")))
        #expect(DNSFixtures.firstAddress(message) == Self.addressFor(id))
      }
      #expect(transport.rejectedDatagrams == 0)
    }
    #expect(await eventually { transport.openSockets == 0 })
  }

  /// Two transports on one single-threaded group share that thread's readiness signals: each socket's signal
  /// must reach the exchange that owns it, whichever transport sent it.
  @Test func twoTransportsOnOneLoopThreadBothGetTheirAnswers() async throws {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let first = NIOUpstreamTransport(group: group)
    let second = NIOUpstreamTransport(group: group)
    let script: FakeUDPServer.Script = { query in
      [.send(try DNSFixtures.answer(to: query, address: Self.addressFor(query.id)))]
    }
    try await FakeUDPServer.with(script: script) { fake in
      let server = fake.server
      let answered = try await withThrowingTaskGroup(of: Bool.self) { tasks in
        for id in UInt16(1)...60 {
          let transport = id % 2 == 0 ? first : second
          tasks.addTask {
            let query = try DNSFixtures.query(id: id, name: "t\(id).example.test")
            let reply = try await transport.send(DNSFixtures.udp(query, to: server, timeout: .seconds(20)))
            return reply.message.id == id && DNSFixtures.firstAddress(reply.message) == Self.addressFor(id)
          }
        }
        var count = 0
        for try await correct in tasks where correct { count += 1 }
        return count
      }
      #expect(answered == 60)
    }
    #expect(first.openSockets == 0 && second.openSockets == 0)
    try await group.shutdownGracefully()
  }

  /// Consecutive queries leave from different ports. The kernel draws each port at random from about 28 000, so
  /// eight queries share a port only by rare chance; two repeats out of eight would mean something is wrong.
  @Test func consecutiveQueriesUseDifferentSourcePorts() async throws {
    try await FakeUDPServer.with(script: { query in [.send(try DNSFixtures.answer(to: query))] }) { fake in
      for id in UInt16(1)...8 {
        _ = try await transport.send(DNSFixtures.udp(try DNSFixtures.query(id: id), to: fake.server))
      }
      let ports = fake.log.all.map(\.sourcePort)
      #expect(ports.count == 8)
      #expect(ports[0] != ports[1])
      #expect(Set(ports).count >= 7)
      #expect(!ports.contains(Int(fake.server.port)))
    }
  }

  @Test(arguments: [UpstreamQuery.Transport.udp, .tcp])
  func cancellationClosesTheSocket(kind: UpstreamQuery.Transport) async throws {
    let query = try DNSFixtures.query(id: 0xCA7)
    let check: @Sendable (UpstreamServer, QueryLog) async throws -> Void = { server, log in
      let transport = self.transport
      let task = Task {
        try await transport.send(
          UpstreamQuery(message: query, server: server, transport: kind, timeout: .seconds(60)))
      }
      #expect(await eventually { log.count == 1 })
      #expect(transport.openSockets == 1)
      task.cancel()
      let result = await task.result
      #expect(throws: UpstreamError.failed("cancelled")) { try result.get() }
      #expect(await eventually { transport.openSockets == 0 })
    }
    switch kind {
    case .udp: try await FakeUDPServer.with(script: { _ in [] }) { try await check($0.server, $0.log) }
    case .tcp: try await FakeTCPServer.with(script: { _ in [] }) { try await check($0.server, $0.log) }
    }
  }

  @Test func alreadyCancelledTaskOpensNoSocket() async throws {
    let query = try DNSFixtures.query(id: 0xCA8)
    try await FakeUDPServer.with(script: { _ in [] }) { fake in
      let transport = self.transport
      let server = fake.server
      let task = Task {
        withUnsafeCurrentTask { $0?.cancel() }
        return try await transport.send(DNSFixtures.udp(query, to: server))
      }
      let result = await task.result
      #expect(throws: UpstreamError.failed("cancelled")) { try result.get() }
      #expect(fake.log.count == 0)
      #expect(transport.openSockets == 0)
    }
  }
}
