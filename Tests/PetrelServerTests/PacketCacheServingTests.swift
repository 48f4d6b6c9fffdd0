import PetrelDNS
import PetrelResolver
import PetrelServer
import Testing

@Suite("Packet cache in the pipeline")
struct PacketCacheServingTests {
  @Test("The second identical query is a hit: the resolver is asked once, the ID is the client's")
  func secondQueryIsHit() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    try client.send(query("www.example.com", id: 1), port: server.portV4)
    let first = try Message(decoding: await client.receive())
    try client.send(query("www.example.com", id: 2), port: server.portV4)
    let second = try Message(decoding: await client.receive())
    #expect(first.id == 1)
    #expect(second.id == 2)
    #expect(second.answers == first.answers)
    #expect(server.resolver.callCount == 1)
    let statistics = server.statistics.snapshot()
    #expect(statistics.packetCacheHits == 1)
    #expect(statistics.packetCacheMisses == 1)
    #expect(statistics.responses(.noError) == 2)
    #expect(await server.running.packetCache.count() == 1)
    try await server.stop()
  }

  @Test("A hit lowers the TTLs by the seconds since the response was stored")
  func ttlDecreases() async throws {
    let clock = ManualClock()
    let server = try await TestServer.start(resolver: .fixed(ttl: 300), clock: clock)
    let client = try LoopbackClient.udp()
    try client.send(query("www.example.com", id: 1), port: server.portV4)
    #expect(try Message(decoding: await client.receive()).answers.first?.ttl == 300)
    clock.advance(by: 100)
    try client.send(query("www.example.com", id: 2), port: server.portV4)
    #expect(try Message(decoding: await client.receive()).answers.first?.ttl == 200)
    #expect(server.resolver.callCount == 1)
    try await server.stop()
  }

  @Test("A hit uses the second client's spelling of the question")
  func hitUsesClientSpelling() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    try client.send(query("www.example.com", id: 1), port: server.portV4)
    _ = try await client.receive()
    let second = try query("WWW.eXample.COM", id: 2)
    try client.send(second, port: server.portV4)
    let received = try await client.receive()
    #expect(Array(received[12..<29]) == Array(second[12..<29]))
    #expect(server.resolver.callCount == 1)
    try await server.stop()
  }

  @Test("An entry expires with its TTL and the resolver is asked again")
  func entryExpires() async throws {
    let clock = ManualClock()
    let server = try await TestServer.start(resolver: .fixed(ttl: 60), clock: clock)
    let client = try LoopbackClient.udp()
    try client.send(query("www.example.com", id: 1), port: server.portV4)
    _ = try await client.receive()
    clock.advance(by: 60)
    try client.send(query("www.example.com", id: 2), port: server.portV4)
    #expect(try Message(decoding: await client.receive()).answers.first?.ttl == 60)
    #expect(server.resolver.callCount == 2)
    try await server.stop()
  }

  @Test("Queries differing in EDNS or DO get their own entries and their own OPT record")
  func variantsKeptApart() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    try client.send(query("www.example.com", id: 1), port: server.portV4)
    #expect(try Message(decoding: await client.receive()).edns == nil)
    try client.send(query("www.example.com", id: 2, edns: EDNS(dnssecOK: true)), port: server.portV4)
    let withDO = try Message(decoding: await client.receive())
    #expect(withDO.edns?.dnssecOK == true)
    try client.send(query("www.example.com", id: 3, edns: EDNS()), port: server.portV4)
    #expect(try Message(decoding: await client.receive()).edns?.dnssecOK == false)
    try client.send(query("www.example.com", id: 4, edns: EDNS(dnssecOK: true)), port: server.portV4)
    #expect(try Message(decoding: await client.receive()).edns?.dnssecOK == true)
    #expect(server.resolver.callCount == 3)
    try await server.stop()
  }

  @Test("wipe removes a name from every loop's cache")
  func wipeThroughShards() async throws {
    let server = try await TestServer.start(threads: 2)
    let client = try LoopbackClient.udp()
    try client.send(query("www.example.com", id: 1), port: server.portV4)
    _ = try await client.receive()
    #expect(await server.running.packetCache.count() == 1)
    #expect(await server.running.packetCache.wipe(name: try DomainName("example.com"), subtree: true) == 1)
    #expect(await server.running.packetCache.count() == 0)
    try await server.stop()
  }
}
