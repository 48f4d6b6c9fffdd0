import PetrelDNS
import PetrelResolver
import PetrelServer
import Testing

@Suite("Query pipeline over UDP")
struct UDPPipelineTests {
  @Test("An A query is answered, with QR and RA set and RD copied", arguments: ["127.0.0.1", "::1"])
  func answersAQuery(host: String) async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp(bindHost: host)
    try client.send(query("www.example.com", id: 0x4242), to: host, port: host == "::1" ? server.portV6 : server.portV4)
    let response = try Message(decoding: await client.receive())
    #expect(response.id == 0x4242)
    #expect(response.flags.isSuperset(of: [.qr, .ra, .rd]))
    #expect(response.rcode == .noError)
    #expect(response.answers.map(\.rdata) == [.a(IPv4Address(192, 0, 2, 1))])
    #expect(response.edns == nil)
    try await server.stop()
  }

  @Test("RD is copied as the client sent it, also when clear")
  func recursionDesiredCopied() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    try client.send(query("www.example.com", recursionDesired: false), port: server.portV4)
    let response = try Message(decoding: await client.receive())
    #expect(!response.flags.contains(.rd))
    #expect(response.flags.contains(.ra))
    try await server.stop()
  }

  @Test("The question comes back exactly as the client spelled it")
  func questionCasePreserved() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    let sent = try query("WwW.ExAmPlE.CoM")
    try client.send(sent, port: server.portV4)
    let received = try await client.receive()
    let nameLength = "WwW.ExAmPlE.CoM".utf8.count + 2
    #expect(Array(received[12..<(12 + nameLength)]) == Array(sent[12..<(12 + nameLength)]))
    try await server.stop()
  }

  @Test("A failed resolution is SERVFAIL with the resolver's extended DNS error")
  func servFailWithExtendedError() async throws {
    let resolver = FakeResolver { _ in
      ResolutionResult(rcode: .servFail, extendedError: ExtendedDNSError(code: .noReachableAuthority))
    }
    let server = try await TestServer.start(resolver: resolver)
    let client = try LoopbackClient.udp()
    try client.send(query("broken.example", edns: EDNS(udpPayloadSize: 1232)), port: server.portV4)
    let response = try Message(decoding: await client.receive())
    #expect(response.rcode == .servFail)
    #expect(response.edns?.options == [.extendedError(ExtendedDNSError(code: .noReachableAuthority))])
    #expect(response.edns?.udpPayloadSize == 1232)
    try await server.stop()
  }

  @Test("A SERVFAIL without a reason from the resolver still carries an extended error")
  func servFailAlwaysHasExtendedError() async throws {
    let server = try await TestServer.start(resolver: FakeResolver { _ in ResolutionResult(rcode: .servFail) })
    let client = try LoopbackClient.udp()
    try client.send(query("broken.example", edns: EDNS()), port: server.portV4)
    let response = try Message(decoding: await client.receive())
    #expect(response.rcode == .servFail)
    #expect(response.edns?.options == [.extendedError(ExtendedDNSError(code: .otherError))])
    try await server.stop()
  }

  @Test("A client outside allow-from is REFUSED; one inside is answered")
  func refusedOutsideAllowFrom() async throws {
    let server = try await TestServer.start(allowFrom: [IPNetwork("127.0.0.1/32")!, IPNetwork("::1/128")!])
    let stranger = try LoopbackClient.udp(bindHost: "127.0.0.2")
    try stranger.send(query("www.example.com", edns: EDNS()), port: server.portV4)
    let refused = try Message(decoding: await stranger.receive())
    #expect(refused.rcode == .refused)
    #expect(refused.question?.name == (try DomainName("www.example.com")))
    #expect(refused.edns != nil)
    #expect(refused.answers.isEmpty)

    let friend = try LoopbackClient.udp(bindHost: "127.0.0.1")
    try friend.send(query("www.example.com"), port: server.portV4)
    #expect(try Message(decoding: await friend.receive()).rcode == .noError)
    #expect(server.statistics.snapshot().refusedByACL == 1)
    #expect(server.resolver.callCount == 1)
    try await server.stop()
  }

  @Test("Garbage after a valid header is FORMERR")
  func formErrForGarbage() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    // ID 0x0BAD, RD, one question whose first label promises 63 octets and delivers 3.
    try client.send([0x0B, 0xAD, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 63, 0x61, 0x62, 0x63], port: server.portV4)
    let response = try Message(decoding: await client.receive())
    #expect(response.id == 0x0BAD)
    #expect(response.rcode == .formErr)
    #expect(response.flags.contains(.qr))
    #expect(server.resolver.callCount == 0)
    try await server.stop()
  }

  @Test("A query without a question is FORMERR")
  func formErrWithoutQuestion() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    try client.send([0x12, 0x34, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0], port: server.portV4)
    #expect(try Message(decoding: await client.receive()).rcode == .formErr)
    try await server.stop()
  }

  @Test("A packet with QR set gets no response")
  func noResponseToResponses() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    var response = try query("www.example.com", id: 0xAAAA)
    response[2] |= 0x80
    try client.send(response, port: server.portV4)
    try client.send(query("www.example.com", id: 0xBBBB), port: server.portV4)
    // One socket, one loop: datagrams are handled in order, so the first reply must be to the second packet.
    #expect(try Message(decoding: await client.receive()).id == 0xBBBB)
    #expect(server.statistics.snapshot().droppedMalformed == 1)
    try await server.stop()
  }

  @Test("Opcode UPDATE is NOTIMP")
  func notImpForUpdate() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    var update = try query("example.com", .soa, id: 0x5555)
    update[2] = (update[2] & 0x87) | (5 << 3)
    try client.send(update, port: server.portV4)
    let response = try Message(decoding: await client.receive())
    #expect(response.id == 0x5555)
    #expect(response.rcode == .notImp)
    #expect(response.opcode == .update)
    try await server.stop()
  }

  @Test("EDNS version 1 is BADVERS, with an OPT record of version 0")
  func badVersForEDNSVersion1() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    try client.send(query("www.example.com", edns: EDNS(udpPayloadSize: 1232, version: 1)), port: server.portV4)
    let response = try Message(decoding: await client.receive())
    #expect(response.rcode == .badVers)
    #expect(response.edns?.version == 0)
    #expect(response.answers.isEmpty)
    #expect(server.resolver.callCount == 0)
    try await server.stop()
  }

  @Test("Beyond the concurrent-resolution limit the answer is SERVFAIL at once")
  func resolutionOverflow() async throws {
    let server = try await TestServer.start(maximumConcurrentResolutions: 0)
    let client = try LoopbackClient.udp()
    try client.send(query("www.example.com", edns: EDNS()), port: server.portV4)
    let response = try Message(decoding: await client.receive())
    #expect(response.rcode == .servFail)
    #expect(response.edns?.options == [.extendedError(ExtendedDNSError(code: .otherError))])
    #expect(server.resolver.callCount == 0)
    #expect(server.statistics.snapshot().resolutionOverflow == 1)
    try await server.stop()
  }
}
