public import PetrelDNS
import Synchronization

/// The daemon's counters: what it received, what it answered, what it turned away.
///
/// Each event loop counts into its own shard, so the hot path never contends for a cache line with another
/// thread; a snapshot sums the shards. The counters are atomics so that a snapshot can be taken from any
/// thread (the control channel) while the loops keep counting.
public final class ServerStatistics: Sendable {
  /// The counters one event loop writes.
  public final class Shard: Sendable {
    let queriesUDP = Atomic<Int>(0)
    let queriesTCP = Atomic<Int>(0)
    let noError = Atomic<Int>(0)
    let formErr = Atomic<Int>(0)
    let servFail = Atomic<Int>(0)
    let nxDomain = Atomic<Int>(0)
    let notImp = Atomic<Int>(0)
    let refused = Atomic<Int>(0)
    let badVers = Atomic<Int>(0)
    let otherRCode = Atomic<Int>(0)
    let cacheHits = Atomic<Int>(0)
    let cacheMisses = Atomic<Int>(0)
    let refusedByACL = Atomic<Int>(0)
    let droppedMalformed = Atomic<Int>(0)
    let truncated = Atomic<Int>(0)
    let resolutionOverflow = Atomic<Int>(0)

    init() {}

    @inline(__always)
    func count(_ counter: borrowing Atomic<Int>) {
      counter.wrappingAdd(1, ordering: .relaxed)
    }

    /// Counts one response sent with `rcode`.
    @inline(__always)
    func countResponse(_ rcode: RCode) {
      switch rcode.rawValue {
      case 0: count(noError)
      case 1: count(formErr)
      case 2: count(servFail)
      case 3: count(nxDomain)
      case 4: count(notImp)
      case 5: count(refused)
      case 16: count(badVers)
      default: count(otherRCode)
      }
    }
  }

  /// The counters summed over every shard at one moment.
  public struct Snapshot: Sendable, Equatable {
    public var queriesUDP = 0
    public var queriesTCP = 0
    /// Responses sent, by rcode (only rcodes that occurred; unusual ones are summed under RCODE 4095).
    public var responses: [RCode: Int] = [:]
    public var packetCacheHits = 0
    public var packetCacheMisses = 0
    /// Queries answered REFUSED because the client is outside `allow-from`.
    public var refusedByACL = 0
    /// Packets dropped because they were not queries at all (too short, or responses).
    public var droppedMalformed = 0
    /// UDP responses cut down with TC set.
    public var truncated = 0
    /// Queries answered SERVFAIL at once because too many resolutions were running.
    public var resolutionOverflow = 0

    public init() {}

    /// The number of responses sent with `rcode`.
    public func responses(_ rcode: RCode) -> Int { responses[rcode] ?? 0 }
  }

  /// One shard per event loop, in loop order.
  public let shards: [Shard]

  public init(shardCount: Int) {
    shards = (0..<max(1, shardCount)).map { _ in Shard() }
  }

  /// Sums every shard.
  public func snapshot() -> Snapshot {
    var result = Snapshot()
    for shard in shards {
      result.queriesUDP += shard.queriesUDP.load(ordering: .relaxed)
      result.queriesTCP += shard.queriesTCP.load(ordering: .relaxed)
      let rcodes: [(RCode, Int)] = [
        (.noError, shard.noError.load(ordering: .relaxed)), (.formErr, shard.formErr.load(ordering: .relaxed)),
        (.servFail, shard.servFail.load(ordering: .relaxed)), (.nxDomain, shard.nxDomain.load(ordering: .relaxed)),
        (.notImp, shard.notImp.load(ordering: .relaxed)), (.refused, shard.refused.load(ordering: .relaxed)),
        (.badVers, shard.badVers.load(ordering: .relaxed)),
        (RCode(rawValue: RCode.maximum), shard.otherRCode.load(ordering: .relaxed)),
      ]
      for (rcode, value) in rcodes where value > 0 { result.responses[rcode, default: 0] += value }
      result.packetCacheHits += shard.cacheHits.load(ordering: .relaxed)
      result.packetCacheMisses += shard.cacheMisses.load(ordering: .relaxed)
      result.refusedByACL += shard.refusedByACL.load(ordering: .relaxed)
      result.droppedMalformed += shard.droppedMalformed.load(ordering: .relaxed)
      result.truncated += shard.truncated.load(ordering: .relaxed)
      result.resolutionOverflow += shard.resolutionOverflow.load(ordering: .relaxed)
    }
    return result
  }
}
