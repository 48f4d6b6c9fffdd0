import NIOCore
import PetrelDNS
import PetrelResolver
import Testing

@testable import PetrelServer

@Suite("Packet cache")
struct PacketCacheTests {
  private let allocator = ByteBufferAllocator()

  private func scanned(_ bytes: [UInt8]) throws -> ScannedQuery {
    guard case .query(let scanned) = bytes.withUnsafeBytes({ ScannedQuery.scan($0, seed: 1) }) else {
      throw ClientError(description: "not a query")
    }
    return scanned
  }

  /// Encodes an answer of one A record with `ttl` to `queryBytes` and stores it.
  private func store(_ cache: PacketCache, _ queryBytes: [UInt8], ttl: UInt32 = 300) throws {
    let scan = try scanned(queryBytes)
    let question = try #require(try queryBytes.withUnsafeBytes { try QueryPeek(decoding: $0) }.question)
    let answer = QueryAnswer(
      rcode: .noError, answers: [ResourceRecord(name: question.name, ttl: ttl, rdata: .a(IPv4Address(192, 0, 2, 7)))])
    let encoded = try #require(
      EncodedAnswer.encode(answer, question: question, scanned: scan, limit: 512, policy: PacketCachePolicy()))
    cache.insert(encoded.whole, for: scan, ttl: ttl, rcode: .noError)
  }

  private func lookUp(_ cache: PacketCache, _ queryBytes: [UInt8], limit: Int = 512) throws -> Message? {
    let scan = try scanned(queryBytes)
    let hit = queryBytes.withUnsafeBytes { cache.answer(query: $0, scanned: scan, limit: limit, allocator: allocator) }
    guard let hit else { return nil }
    return try Message(decoding: Array(buffer: hit.response))
  }

  @Test("A stored response answers the same question, with the new ID")
  func hit() throws {
    let cache = PacketCache(capacity: 10, clock: ManualClock())
    try store(cache, query("example.com", id: 1))
    let response = try #require(try lookUp(cache, query("example.com", id: 99)))
    #expect(response.id == 99)
    #expect(response.answers.first?.ttl == 300)
    #expect(cache.hits == 1)
    #expect(try lookUp(cache, query("example.org")) == nil)
    #expect(try lookUp(cache, query("example.com", .aaaa)) == nil)
    #expect(try lookUp(cache, query("example.com", recursionDesired: false)) == nil)
    #expect(cache.misses == 3)
  }

  @Test("A response bigger than the client's limit is not served from the whole entry")
  func tooBigForClient() throws {
    let cache = PacketCache(capacity: 10, clock: ManualClock())
    try store(cache, query("example.com"))
    #expect(try lookUp(cache, query("example.com"), limit: 20) == nil)
  }

  @Test("When full, the least recently used entry goes")
  func leastRecentlyUsedEvicted() throws {
    let cache = PacketCache(capacity: 2, clock: ManualClock())
    try store(cache, query("a.example"))
    try store(cache, query("b.example"))
    _ = try lookUp(cache, query("a.example"))
    try store(cache, query("c.example"))
    #expect(cache.count == 2)
    #expect(try lookUp(cache, query("b.example")) == nil)
    #expect(try lookUp(cache, query("a.example")) != nil)
    #expect(try lookUp(cache, query("c.example")) != nil)
  }

  @Test("Ages TTLs and drops entries past their TTL")
  func aging() throws {
    let clock = ManualClock()
    let cache = PacketCache(capacity: 10, clock: clock)
    try store(cache, query("example.com"), ttl: 100)
    clock.advance(by: 99)
    #expect(try lookUp(cache, query("example.com"))?.answers.first?.ttl == 1)
    clock.advance(by: 1)
    #expect(try lookUp(cache, query("example.com")) == nil)
    #expect(cache.count == 0)
  }

  @Test("wipe removes a name, or a name and everything below it")
  func wipe() throws {
    let cache = PacketCache(capacity: 10, clock: ManualClock())
    for name in ["example.com", "www.Example.com", "a.b.example.com", "example.org", "notexample.com"] {
      try store(cache, query(name))
    }
    #expect(cache.wipe(name: try DomainName("EXAMPLE.com"), subtree: false) == 1)
    #expect(cache.count == 4)
    #expect(cache.wipe(name: try DomainName("example.com"), subtree: true) == 2)
    #expect(try lookUp(cache, query("notexample.com")) != nil)
    #expect(try lookUp(cache, query("example.org")) != nil)
    #expect(cache.count == 2)
  }

  @Test("Zero capacity keeps nothing")
  func disabled() throws {
    let cache = PacketCache(capacity: 0, clock: ManualClock())
    try store(cache, query("example.com"))
    #expect(cache.count == 0)
  }

  @Test("Cache TTLs: shortest record, SOA-bounded negative answers, brief SERVFAIL, nothing else")
  func policy() throws {
    let policy = PacketCachePolicy(maximumTTL: 1_000, servFailTTL: 3)
    let name = try DomainName("example.com")
    let soa = ResourceRecord(
      name: name, ttl: 900,
      rdata: .soa(
        RData.SOA(
          primaryNameServer: name, responsibleMailbox: name, serial: 1, refresh: 1, retry: 1, expire: 1, minimum: 60)))
    let a = { (ttl: UInt32) in ResourceRecord(name: name, ttl: ttl, rdata: .a(IPv4Address(1, 2, 3, 4))) }
    #expect(policy.ttl(for: QueryAnswer(rcode: .noError, answers: [a(50), a(40)])) == 40)
    #expect(policy.ttl(for: QueryAnswer(rcode: .noError, answers: [a(5_000)])) == 1_000)
    #expect(policy.ttl(for: QueryAnswer(rcode: .nxDomain, authorities: [soa])) == 60)
    #expect(policy.ttl(for: QueryAnswer(rcode: .noError, authorities: [soa])) == 60)
    #expect(policy.ttl(for: QueryAnswer(rcode: .nxDomain)) == nil)
    #expect(policy.ttl(for: QueryAnswer(rcode: .servFail)) == 3)
    #expect(PacketCachePolicy(servFailTTL: 0).ttl(for: QueryAnswer(rcode: .servFail)) == nil)
    #expect(policy.ttl(for: QueryAnswer(rcode: .refused)) == nil)
    #expect(policy.ttl(for: QueryAnswer(rcode: .noError, answers: [a(0)])) == nil)
  }
}
