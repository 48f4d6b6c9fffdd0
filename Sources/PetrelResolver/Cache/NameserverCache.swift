/// What the resolver has learnt about upstream servers: round-trip times, timeouts, EDNS support, throttling
/// (Unbound's "infrastructure cache").
///
/// It exists so that the iterator asks the fastest working server of a delegation first, backs off from servers
/// that time out or fail, and so that the operator can see which servers are being avoided and why. Bounded
/// like the other caches; statistics unused for the policy's lifetime are forgotten.
public final class NameserverCache: Sendable {
  private let shards: ShardedCache<UpstreamServer, NameserverRecord>
  private let clock: any ResolverClock
  private let policy: NameserverPolicy
  private let ordering: NameserverOrdering

  /// - Parameters:
  ///   - capacity: the most servers remembered at once.
  ///   - random: uniform in [0, 1), for `order`'s exploration; tests inject a fixed one.
  public init(
    capacity: Int, shardCount: Int = 8, clock: any ResolverClock, policy: NameserverPolicy = NameserverPolicy(),
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    shards = ShardedCache(capacity: capacity, shardCount: shardCount)
    self.clock = clock
    self.policy = policy
    ordering = NameserverOrdering(policy: policy, random: random)
  }

  /// A response arrived after `roundTrip`: smooths the RTT estimate (RFC 6298), ends a run of timeouts and
  /// lifts a timeout throttle. Call it for every response that arrived, usable or not, then `recordFailure`
  /// for those that were not.
  public func recordResponse(from server: UpstreamServer, roundTrip: Duration) {
    update(server) { record, now in record.recordResponse(roundTrip: roundTrip, now: now, policy: policy) }
  }

  /// No response in time: doubles the RTT estimate (capped) and, after several in a row, throttles the server
  /// for a time that doubles with each further timeout (capped).
  public func recordTimeout(for server: UpstreamServer) {
    update(server) { record, now in record.recordTimeout(now: now, policy: policy) }
  }

  /// The server answered but unusably (REFUSED, SERVFAIL, lame, FORMERR…): throttles it for a while, longer
  /// when it keeps failing, and keeps `reason` for `dump-throttled`.
  public func recordFailure(for server: UpstreamServer, reason: String) {
    update(server) { record, now in record.recordFailure(reason: reason, now: now, policy: policy) }
  }

  public func setEDNS(_ support: EDNSSupport, for server: UpstreamServer) {
    update(server) { record, _ in record.statistics.ednsSupport = support }
  }

  /// What is known of `server`, with a throttle that has run out no longer shown; nil if nothing is.
  public func statistics(for server: UpstreamServer) -> NameserverStatistics? {
    let now = clock.now()
    return shard(for: server).state.withLock { $0.lookup(server, now: now) }?.value.statistics(at: now)
  }

  public func isThrottled(_ server: UpstreamServer) -> Bool {
    let now = clock.now()
    return shard(for: server).state.withLock { $0.peek(server, now: now) }?.value.isThrottled(at: now) ?? false
  }

  /// Orders candidates best first: unthrottled before throttled, lowest smoothed RTT first, unknown servers at
  /// the policy's initial guess (376 ms) so they get tried; with the policy's small exploration probability a
  /// random unthrottled server other than the best goes first, so that RTT estimates stay fresh.
  public func order(_ servers: [UpstreamServer]) -> [UpstreamServer] {
    guard servers.count > 1 else { return servers }
    let now = clock.now()
    let candidates = servers.map { server in
      let record = shard(for: server).state.withLock { $0.peek(server, now: now) }?.value
      return NameserverOrdering.Candidate(
        server: server, smoothedRTT: record?.statistics.smoothedRTT ?? policy.initialRTT,
        throttledUntil: record.flatMap { $0.isThrottled(at: now) ? $0.statistics.throttledUntil : nil })
    }
    return ordering.order(candidates)
  }

  /// The servers throttled now, with reason and expiry, for `dump-throttled`.
  public func throttled() -> [NameserverStatistics] {
    let now = clock.now()
    return snapshot(now: now).filter { $0.throttledUntil != nil }
  }

  /// Everything known, for `dump-infra`.
  public func snapshot() -> [NameserverStatistics] {
    snapshot(now: clock.now())
  }

  public func removeAll() {
    shards.removeAll()
  }

  /// Servers remembered; O(shards).
  public var count: Int { shards.count }

  private func snapshot(now: Int64) -> [NameserverStatistics] {
    shards.snapshot(now: now) { $0.value.statistics(at: now) }
  }

  private func shard(for server: UpstreamServer) -> ShardedCache<UpstreamServer, NameserverRecord>.Shard {
    shards.shard(forHash: server.hashValue)
  }

  /// Applies `change` to the server's record, creating it (at the policy's initial guess) if there is none.
  private func update(_ server: UpstreamServer, _ change: (inout NameserverRecord, Int64) -> Void) {
    let now = clock.now()
    shard(for: server).state.withLock { shard in
      var record = shard.lookup(server, now: now)?.value ?? NameserverRecord(server: server, now: now, policy: policy)
      change(&record, now)
      _ = shard.insert(server, record, now: now) { _ in true }
    }
  }
}
