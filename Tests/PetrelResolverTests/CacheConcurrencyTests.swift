import PetrelDNS
import PetrelResolver
import Testing

/// Many tasks at once on the same caches: nothing is lost or corrupted and the bounds hold.
@Suite struct CacheConcurrencyTests {
  typealias F = CacheFixture

  static let taskCount = 8
  static let operationsPerTask = 10_000

  /// A cheap deterministic generator per task, so the interleaving varies but the work does not.
  struct SplitMix {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Int((z ^ (z >> 31)) % UInt64(bound))
    }
  }

  @Test func recordCacheStaysConsistentUnderConcurrentUse() async {
    let clock = ManualClock()
    let cache = RecordCache(capacity: 500, shardCount: 8, clock: clock)
    let names = (0..<2_000).map { F.name("n\($0).example.") }
    // The address of each set is its name's index, so any reader can check it got the right data.
    let mismatches = await withTaskGroup(of: Int.self) { group in
      for task in 0..<Self.taskCount {
        group.addTask {
          var random = SplitMix(state: UInt64(task))
          var mismatches = 0
          for _ in 0..<Self.operationsPerTask {
            let index = random.next(names.count)
            switch random.next(10) {
            case 0..<5:
              let rank = Credibility.allCases[random.next(Credibility.allCases.count)]
              cache.store(
                RRSet(name: names[index], type: .a, ttl: 300, rdatas: [.a(IPv4Address(UInt32(index)))]),
                credibility: rank, source: nil)
            case 5..<9:
              if let found = cache.lookup(names[index], .a),
                found.rrset.rdatas != [.a(IPv4Address(UInt32(index)))] || found.rrset.name != names[index]
              {
                mismatches += 1
              }
            default:
              cache.remove(names[index], .a)
            }
          }
          return mismatches
        }
      }
      return await group.reduce(0, +)
    }
    #expect(mismatches == 0)
    let entries = cache.snapshot()
    #expect(cache.count <= 500)
    #expect(entries.count == cache.count)
    #expect(Set(entries.map(\.rrset.name)).count == entries.count)
    for entry in entries {
      guard let index = names.firstIndex(of: entry.rrset.name) else {
        Issue.record("unknown name \(entry.rrset.name)")
        continue
      }
      #expect(entry.rrset.rdatas == [.a(IPv4Address(UInt32(index)))])
      #expect(cache.lookup(entry.rrset.name, .a)?.credibility == entry.credibility)
    }
  }

  @Test func negativeAndNameserverCachesStayConsistentUnderConcurrentUse() async {
    let clock = ManualClock()
    let negative = NegativeCache(capacity: 300, shardCount: 8, clock: clock)
    let nameservers = NameserverCache(capacity: 100, clock: clock, random: { 0.5 })
    let names = (0..<1_000).map { F.name("n\($0).example.") }
    let servers = (0..<400).map { UpstreamServer(address: .v4(IPv4Address(UInt32(0x0A00_0000 + $0)))) }
    let soa = F.soa(zone: "example.", ttl: 300, minimum: 300)
    await withTaskGroup(of: Void.self) { group in
      for task in 0..<Self.taskCount {
        group.addTask {
          var random = SplitMix(state: UInt64(100 + task))
          for _ in 0..<Self.operationsPerTask {
            let name = names[random.next(names.count)]
            let server = servers[random.next(servers.count)]
            switch random.next(8) {
            case 0:
              negative.store(name: name, type: .a, kind: .nxDomain, soa: soa, source: server)
            case 1:
              negative.store(name: name, type: .aaaa, kind: .noData, soa: soa, source: server)
            case 2:
              _ = negative.lookup(name, .aaaa)
            case 3:
              nameservers.recordResponse(from: server, roundTrip: .milliseconds(random.next(400)))
            case 4:
              nameservers.recordTimeout(for: server)
            case 5:
              nameservers.recordFailure(for: server, reason: "SERVFAIL")
            case 6:
              let candidates = (0..<4).map { _ in servers[random.next(servers.count)] }
              _ = nameservers.order(candidates)
            default:
              _ = nameservers.statistics(for: server)
            }
          }
        }
      }
    }
    #expect(negative.count <= 300)
    #expect(negative.snapshot().count == negative.count)
    #expect(nameservers.count <= 100)
    let statistics = nameservers.snapshot()
    #expect(statistics.count == nameservers.count)
    #expect(Set(statistics.map(\.server)).count == statistics.count)
    for entry in statistics {
      #expect(nameservers.statistics(for: entry.server) == entry)
    }
  }
}
