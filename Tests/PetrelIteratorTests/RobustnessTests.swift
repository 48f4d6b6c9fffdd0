import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Synchronization
import Testing

/// SplitMix64: a tiny seeded generator, so that every random response below can be reproduced from its seed.
struct SeededRandom: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Builds nonsense responses from names and types a resolver must be careful with.
final class RandomResponder: Sendable {
  static let names = [
    ".", "com.", "example.com.", "www.example.com.", "a.www.example.com.", "ns1.example.com.", "victim.org.",
    "www.victim.org.", "example.net.", "x.example.com.",
  ].map(name)

  let random: Mutex<SeededRandom>

  init(seed: UInt64) { random = Mutex(SeededRandom(state: seed)) }

  func respond(_ response: inout Message) {
    random.withLock { random in
      func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
      func records() -> [ResourceRecord] {
        (0..<Int.random(in: 0...4, using: &random)).map { _ in
          let owner = pick(Self.names)
          let target = pick(Self.names)
          let rdata: RData = pick([
            .a(IPv4Address(UInt32.random(in: 0...UInt32.max, using: &random))), .ns(target), .cname(target),
            .dname(target),
            .soa(
              RData.SOA(
                primaryNameServer: target, responsibleMailbox: target, serial: 1, refresh: 1, retry: 1, expire: 1,
                minimum: UInt32.random(in: 0...100_000, using: &random))),
          ])
          return ResourceRecord(name: owner, ttl: UInt32.random(in: 0...UInt32.max, using: &random), rdata: rdata)
        }
      }
      response.rcode = pick([.noError, .noError, .nxDomain, .servFail, .refused, .formErr, .yxDomain, .badVers])
      response.flags = MessageFlags(rawValue: UInt16.random(in: 0...UInt16.max, using: &random)).union(.qr)
      response.answers = records()
      response.authorities = records()
      response.additionals = records()
    }
  }
}

@Suite struct RobustnessTests {
  @Test(arguments: 0..<60)
  func nonsenseFromAServerNeverCrashesHangsOrPoisonsTheCache(seed: Int) async {
    let responder = RandomResponder(seed: UInt64(seed))
    let internet = TestInternet.withExample()
    // Half the seeds garble example.com.'s server, half the server of com. and its siblings.
    let garbled = seed < 30 ? "192.0.2.1" : TestInternet.tldAddress
    internet.network.server(garbled) {
      Respond { _ in .modify { responder.respond(&$0) } }
    }
    let resolver = internet.resolver { $0.qnameMinimisation = seed % 2 == 0 }

    for text in ["www.example.com.", "a.www.example.com.", "x.example.com."] {
      let result = await resolver.resolve(question(text))
      #expect([RCode.noError, .nxDomain, .servFail].contains(result.rcode))
      if result.rcode == .servFail { #expect(result.extendedError != nil) }
      // The answer starts at the question's name, or with a DNAME owned by one of its ancestors (RFC 6672 §3).
      if let first = result.answers.first {
        #expect(first.name == name(text) || (first.type == .dname && name(text).isSubdomain(of: first.name)))
      }
    }
    let records = resolver.caches.records
    #expect(records.lookup(name("victim.org."), .ns) == nil)
    #expect(records.lookup(name("www.victim.org."), .a) == nil)
    #expect(records.lookup(.root, .ns)?.rrset.rdatas == [.ns(name("a.root-servers.net."))])
    if seed < 30 { #expect(records.lookup(name("com."), .ns)?.rrset.rdatas == [.ns(name("a.nic.com."))]) }
    #expect(internet.lines.count <= 3 * ResolutionBudgets().upstreamQueries)
  }

  @Test func aDelegationWhoseInZoneGlueExpiredIsAskedForAgainAtTheParent() async {
    let internet = TestInternet.withExample("mail A 192.0.2.25")
    let resolver = internet.resolver()
    _ = await resolver.resolve(question("www.example.com."))
    resolver.caches.records.remove(name("ns1.example.com."), .a)
    internet.network.clearLog()

    let result = await resolver.resolve(question("mail.example.com."))

    #expect(result.answers.count == 1)
    #expect(internet.lines == ["192.5.6.30 example.com. A", "192.0.2.1 mail.example.com. A"])
  }
}
