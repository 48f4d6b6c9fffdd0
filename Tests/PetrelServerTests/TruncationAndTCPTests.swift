import PetrelDNS
import PetrelResolver
import PetrelServer
import Testing

/// A resolver whose answer is four RRsets, about 1 300 octets in all: a CNAME (with the header, about 60
/// octets), 20 addresses of its target (320), 20 addresses of another name (330), 20 IPv6 addresses (560).
private func bigResolver() throws -> FakeResolver {
  let target = try DomainName("target.example")
  let other = try DomainName("other.example")
  return FakeResolver { question in
    let first = (1...20).map { ResourceRecord(name: target, ttl: 300, rdata: .a(IPv4Address(10, 0, 0, UInt8($0)))) }
    let second = (1...20).map { ResourceRecord(name: other, ttl: 300, rdata: .a(IPv4Address(10, 0, 1, UInt8($0)))) }
    let third = (1...20).map {
      ResourceRecord(name: other, ttl: 300, rdata: .aaaa(IPv6Address(high: 0x2001_0db8 << 32, low: UInt64($0))))
    }
    return ResolutionResult(
      rcode: .noError,
      answers: [ResourceRecord(name: question.name, ttl: 300, rdata: .cname(target))] + first + second + third)
  }
}

@Suite("Truncation and TCP")
struct TruncationAndTCPTests {
  @Test("Without EDNS a UDP answer is cut to 512 octets, whole RRsets only, with TC")
  func truncatedTo512() async throws {
    let server = try await TestServer.start(resolver: try bigResolver())
    let client = try LoopbackClient.udp()
    try client.send(query("big.example"), port: server.portV4)
    let bytes = try await client.receive()
    let response = try Message(decoding: bytes)
    #expect(bytes.count <= 512)
    #expect(response.flags.contains(.tc))
    #expect(response.answers.count == 21)
    #expect(server.statistics.snapshot().truncated == 1)
    try await server.stop()
  }

  @Test("With EDNS the limit is the advertised size; over TCP the whole answer comes")
  func truncatedToAdvertisedSizeThenTCP() async throws {
    let server = try await TestServer.start(resolver: try bigResolver())
    let client = try LoopbackClient.udp()
    try client.send(query("big.example", edns: EDNS(udpPayloadSize: 800)), port: server.portV4)
    let bytes = try await client.receive()
    let response = try Message(decoding: bytes)
    #expect(bytes.count <= 800)
    #expect(bytes.count > 512)
    #expect(response.flags.contains(.tc))
    #expect(response.answers.count == 41)
    #expect(response.edns != nil)

    let tcp = try LoopbackClient.tcp(port: server.portV4)
    try tcp.sendFrames([query("big.example", edns: EDNS(udpPayloadSize: 800))])
    let whole = try Message(decoding: await tcp.receiveFrame())
    #expect(!whole.flags.contains(.tc))
    #expect(whole.answers.count == 61)
    try await server.stop()
  }

  @Test("Three queries written back to back on one connection get three answers")
  func pipelining() async throws {
    let server = try await TestServer.start()
    let tcp = try LoopbackClient.tcp(host: "::1", port: server.portV6)
    try tcp.sendFrames([
      query("one.example", id: 1), query("two.example", id: 2), query("three.example", id: 3),
    ])
    var answered: [UInt16: DomainName] = [:]
    for _ in 0..<3 {
      let response = try Message(decoding: await tcp.receiveFrame())
      #expect(response.rcode == .noError)
      answered[response.id] = response.answers.first?.name
    }
    #expect(answered[1] == (try DomainName("one.example")))
    #expect(answered[2] == (try DomainName("two.example")))
    #expect(answered[3] == (try DomainName("three.example")))
    #expect(server.statistics.snapshot().queriesTCP == 3)
    try await server.stop()
  }

  @Test("Queries beyond the per-connection limit wait their turn and are all answered")
  func perConnectionLimit() async throws {
    let server = try await TestServer.start(settings: ListenerSettings(maximumQueriesPerTCPConnection: 1))
    let tcp = try LoopbackClient.tcp(port: server.portV4)
    try tcp.sendFrames((1...5).map { try query("n\($0).example", id: UInt16($0)) })
    var ids: Set<UInt16> = []
    for _ in 0..<5 { ids.insert(try Message(decoding: await tcp.receiveFrame()).id) }
    #expect(ids == [1, 2, 3, 4, 5])
    try await server.stop()
  }

  @Test("An idle TCP connection is closed by the server")
  func idleTimeout() async throws {
    let server = try await TestServer.start(settings: ListenerSettings(tcpIdleTimeout: .milliseconds(100)))
    let tcp = try LoopbackClient.tcp(port: server.portV4)
    try tcp.sendFrames([query("www.example.com")])
    _ = try await tcp.receiveFrame()
    #expect(try await tcp.waitForClose())
    try await server.stop()
  }

  @Test("Connections beyond the client limit are closed at once")
  func tcpClientLimit() async throws {
    let server = try await TestServer.start(settings: ListenerSettings(maximumTCPClients: 1))
    let first = try LoopbackClient.tcp(port: server.portV4)
    try first.sendFrames([query("www.example.com")])
    _ = try await first.receiveFrame()
    let second = try LoopbackClient.tcp(port: server.portV4)
    #expect(try await second.waitForClose())
    try first.sendFrames([query("www.example.com", id: 7)])
    #expect(try Message(decoding: await first.receiveFrame()).id == 7)
    try await server.stop()
  }
}
