import PetrelDNS
import PetrelResolver
import Synchronization
import Testing

@Suite struct NameserverCacheTests {
  typealias F = CacheFixture

  static let neverExplore: @Sendable () -> Double = { 0.999 }
  static let alwaysExplore: @Sendable () -> Double = { 0 }

  func makeCache(clock: ManualClock = ManualClock(), random: @escaping @Sendable () -> Double = neverExplore)
    -> NameserverCache
  {
    NameserverCache(capacity: 100, clock: clock, random: random)
  }

  @Test func firstSampleSetsTheEstimateAndLaterOnesAreSmoothed() {
    let cache = makeCache()
    let server = F.server(1)
    #expect(cache.statistics(for: server) == nil)
    cache.recordResponse(from: server, roundTrip: .milliseconds(100))
    #expect(cache.statistics(for: server)?.smoothedRTT == .milliseconds(100))
    #expect(cache.statistics(for: server)?.rttVariance == .milliseconds(50))
    cache.recordResponse(from: server, roundTrip: .milliseconds(200))
    // SRTT = 7/8 · 100 + 1/8 · 200; RTTVAR = 3/4 · 50 + 1/4 · |100 − 200|.
    #expect(cache.statistics(for: server)?.smoothedRTT == .microseconds(112_500))
    #expect(cache.statistics(for: server)?.rttVariance == .microseconds(62_500))
    #expect(cache.statistics(for: server)?.retransmissionTimeout == .microseconds(362_500))
    #expect(cache.count == 1)
  }

  @Test func absurdRoundTripsAreBoundedNotTrusted() {
    let cache = makeCache()
    cache.recordResponse(from: F.server(1), roundTrip: .seconds(-5))
    #expect(cache.statistics(for: F.server(1))?.smoothedRTT == .zero)
    cache.recordResponse(from: F.server(2), roundTrip: .seconds(Int64.max / 2))
    #expect(cache.statistics(for: F.server(2))?.smoothedRTT == .seconds(12))
    cache.recordResponse(from: F.server(2), roundTrip: .seconds(Int64.max / 2))
    #expect(cache.statistics(for: F.server(2))?.smoothedRTT == .seconds(12))
  }

  @Test func timeoutsDoubleTheEstimateUpToTheCapAndAResponseEndsTheRun() {
    let cache = makeCache()
    let server = F.server(1)
    cache.recordResponse(from: server, roundTrip: .milliseconds(100))
    cache.recordTimeout(for: server)
    #expect(cache.statistics(for: server)?.smoothedRTT == .milliseconds(200))
    #expect(cache.statistics(for: server)?.timeouts == 1)
    for _ in 0..<20 { cache.recordTimeout(for: server) }
    #expect(cache.statistics(for: server)?.smoothedRTT == .seconds(12))
    #expect(cache.statistics(for: server)?.timeouts == 21)
    cache.recordResponse(from: server, roundTrip: .milliseconds(100))
    #expect(cache.statistics(for: server)?.timeouts == 0)
    #expect(cache.statistics(for: server)?.smoothedRTT == .microseconds(10_512_500))
    #expect(!cache.isThrottled(server))
  }

  @Test func unknownServerTimingOutStartsFromTheInitialGuess() {
    let cache = makeCache()
    cache.recordTimeout(for: F.server(1))
    #expect(cache.statistics(for: F.server(1))?.smoothedRTT == .milliseconds(752))
    // The first real sample replaces the guess outright.
    cache.recordResponse(from: F.server(1), roundTrip: .milliseconds(40))
    #expect(cache.statistics(for: F.server(1))?.smoothedRTT == .milliseconds(40))
  }

  @Test func repeatedTimeoutsThrottleForLongerEachTimeAndThrottlesExpire() {
    let clock = ManualClock(now: 1_000)
    let cache = makeCache(clock: clock)
    let server = F.server(1)
    cache.recordTimeout(for: server)
    cache.recordTimeout(for: server)
    #expect(!cache.isThrottled(server))
    cache.recordTimeout(for: server)
    #expect(cache.isThrottled(server))
    #expect(cache.statistics(for: server)?.throttledUntil == 1_005)
    #expect(cache.statistics(for: server)?.throttleReason == "timeouts")
    clock.advance(by: 4)
    #expect(cache.isThrottled(server))
    clock.advance(by: 1)
    #expect(!cache.isThrottled(server))
    #expect(cache.statistics(for: server)?.throttledUntil == nil)
    #expect(cache.statistics(for: server)?.throttleReason == nil)
    cache.recordTimeout(for: server)
    #expect(cache.statistics(for: server)?.throttledUntil == 1_015)
    clock.advance(by: 10)
    cache.recordTimeout(for: server)
    #expect(cache.statistics(for: server)?.throttledUntil == 1_035)
    for _ in 0..<30 { cache.recordTimeout(for: server) }
    #expect(cache.statistics(for: server)?.throttledUntil == clock.now() + 600)
  }

  @Test func aResponseLiftsATimeoutThrottleButNotAFailureThrottle() {
    let cache = makeCache()
    let slow = F.server(1)
    for _ in 0..<3 { cache.recordTimeout(for: slow) }
    #expect(cache.isThrottled(slow))
    cache.recordResponse(from: slow, roundTrip: .milliseconds(30))
    #expect(!cache.isThrottled(slow))

    let refusing = F.server(2)
    cache.recordResponse(from: refusing, roundTrip: .milliseconds(30))
    cache.recordFailure(for: refusing, reason: "REFUSED")
    cache.recordResponse(from: refusing, roundTrip: .milliseconds(30))
    #expect(cache.isThrottled(refusing))
    #expect(cache.statistics(for: refusing)?.throttleReason == "REFUSED")
  }

  @Test func failuresThrottleWithTheirReasonForLongerWhenRepeated() {
    let clock = ManualClock(now: 5_000)
    let cache = makeCache(clock: clock)
    let server = F.server(3)
    cache.recordFailure(for: server, reason: "lame for example.com.")
    #expect(cache.isThrottled(server))
    #expect(cache.statistics(for: server)?.throttledUntil == 5_010)
    #expect(cache.statistics(for: server)?.throttleReason == "lame for example.com.")
    clock.advance(by: 10)
    #expect(!cache.isThrottled(server))
    cache.recordFailure(for: server, reason: "SERVFAIL")
    #expect(cache.statistics(for: server)?.throttledUntil == 5_030)
    #expect(cache.statistics(for: server)?.throttleReason == "SERVFAIL")
    // Long after, a failure is judged afresh.
    clock.advance(by: 10_000)
    cache.recordFailure(for: server, reason: "FORMERR")
    #expect(cache.statistics(for: server)?.throttledUntil == clock.now() + 10)
  }

  @Test func extremePolicyNumbersDoNotOverflow() {
    var policy = NameserverPolicy()
    policy.maximumThrottle = .max / 4
    policy.failureThrottle = .max / 8
    let clock = ManualClock(now: 0)
    let cache = NameserverCache(capacity: 10, clock: clock, policy: policy, random: Self.neverExplore)
    for _ in 0..<70 { cache.recordFailure(for: F.server(1), reason: "REFUSED") }
    #expect(cache.statistics(for: F.server(1))?.throttledUntil == .max / 4)
  }

  @Test func throttledListsOnlyServersThrottledNow() {
    let clock = ManualClock(now: 100)
    let cache = makeCache(clock: clock)
    cache.recordResponse(from: F.server(1), roundTrip: .milliseconds(10))
    cache.recordFailure(for: F.server(2), reason: "REFUSED")
    for _ in 0..<3 { cache.recordTimeout(for: F.server(3)) }
    let throttled = cache.throttled().sorted { $0.server.address < $1.server.address }
    #expect(throttled.map(\.server) == [F.server(2), F.server(3)])
    #expect(throttled.map(\.throttleReason) == ["REFUSED", "timeouts"])
    #expect(throttled.map(\.throttledUntil) == [110, 105])
    #expect(cache.snapshot().count == 3)
    clock.advance(by: 10)
    #expect(cache.throttled().isEmpty)
  }

  @Test func ednsSupportIsRemembered() {
    let cache = makeCache()
    cache.setEDNS(.notSupported, for: F.server(1))
    #expect(cache.statistics(for: F.server(1))?.ednsSupport == .notSupported)
    cache.recordResponse(from: F.server(1), roundTrip: .milliseconds(10))
    #expect(cache.statistics(for: F.server(1))?.ednsSupport == .notSupported)
    cache.setEDNS(.supported, for: F.server(1))
    #expect(cache.statistics(for: F.server(1))?.ednsSupport == .supported)
  }

  @Test func orderPutsLowestRTTFirstUnknownAtTheGuessAndThrottledLast() {
    let cache = makeCache()
    let fast = F.server(1)
    let slow = F.server(2)
    let unknown = F.server(3)
    let refused = F.server(4)
    let timingOut = F.server(5)
    cache.recordResponse(from: fast, roundTrip: .milliseconds(20))
    cache.recordResponse(from: slow, roundTrip: .milliseconds(500))
    cache.recordResponse(from: refused, roundTrip: .milliseconds(1))
    cache.recordFailure(for: refused, reason: "REFUSED")
    for _ in 0..<3 { cache.recordTimeout(for: timingOut) }
    let order = cache.order([refused, timingOut, slow, unknown, fast])
    // Throttled ones last, the one free soonest (timeouts, 5 s) before the other (REFUSED, 10 s).
    #expect(order == [fast, unknown, slow, timingOut, refused])
    #expect(cache.order([fast]) == [fast])
    #expect(cache.order([]) == [])
  }

  @Test func orderKeepsTheGivenOrderAmongEquals() {
    let cache = makeCache()
    let servers = (1...6).map { F.server(UInt8($0)) }
    #expect(cache.order(servers) == servers)
    #expect(cache.order(servers.reversed()) == servers.reversed())
  }

  @Test func explorationPutsAnotherUnthrottledServerFirst() {
    let cache = makeCache(random: Self.alwaysExplore)
    let fast = F.server(1)
    let slow = F.server(2)
    let throttled = F.server(3)
    cache.recordResponse(from: fast, roundTrip: .milliseconds(20))
    cache.recordResponse(from: slow, roundTrip: .milliseconds(500))
    cache.recordFailure(for: throttled, reason: "SERVFAIL")
    #expect(cache.order([fast, slow, throttled]) == [slow, fast, throttled])
    // With one usable server there is nothing to explore.
    #expect(cache.order([fast, throttled]) == [fast, throttled])
  }

  @Test func explorationPicksAmongAllNonBestServers() {
    let sequence = RandomSequence([0, 0.99])
    let cache = NameserverCache(capacity: 10, clock: ManualClock(), random: { sequence.next() })
    let servers = (1...4).map { F.server(UInt8($0)) }
    for (index, server) in servers.enumerated() {
      cache.recordResponse(from: server, roundTrip: .milliseconds(10 * (index + 1)))
    }
    #expect(cache.order(servers) == [servers[3], servers[0], servers[1], servers[2]])
  }

  @Test func statisticsOfUnusedServersAreForgotten() {
    let clock = ManualClock()
    let cache = makeCache(clock: clock)
    cache.recordResponse(from: F.server(1), roundTrip: .milliseconds(10))
    clock.advance(by: 899)
    #expect(cache.statistics(for: F.server(1)) != nil)
    clock.advance(by: 1)
    #expect(cache.statistics(for: F.server(1)) == nil)
    #expect(cache.snapshot().isEmpty)
  }

  @Test func neverHoldsMoreThanItsCapacity() {
    let cache = NameserverCache(capacity: 20, clock: ManualClock(), random: Self.neverExplore)
    for index in 0..<200 {
      let server = UpstreamServer(address: .v4(IPv4Address(UInt32(0x0A00_0000 + index))))
      cache.recordResponse(from: server, roundTrip: .milliseconds(index))
      #expect(cache.count <= 20)
    }
    cache.removeAll()
    #expect(cache.count == 0)
  }
}

/// Hands out fixed values in turn, for exploration choices in tests.
final class RandomSequence: Sendable {
  private let values: [Double]
  private let position = Mutex(0)

  init(_ values: [Double]) { self.values = values }

  func next() -> Double {
    position.withLock { index in
      let value = values[index % values.count]
      index += 1
      return value
    }
  }
}
