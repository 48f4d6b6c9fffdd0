public import NIOCore
public import PetrelDNS

/// One event loop's query pipeline: from received bytes to the response, for UDP and TCP alike.
///
/// Lives on its loop and is only used there, so its packet cache needs no lock. `process` does everything that
/// can be done at once — scanning, the error answers, the access list, the packet cache, the local zones — and
/// hands back either bytes to send or a question for the resolver; `resolve` then runs the resolver in a task
/// and comes back to the loop to cache and deliver the answer. A cache hit therefore creates no task and
/// allocates nothing but its response buffer.
public final class QueryHandler {
  /// The transport a query arrived on: it decides the size limit.
  public enum Transport: Sendable {
    case udp
    case tcp
  }

  /// What to do with a received packet.
  public enum Outcome {
    /// Nothing: not a query.
    case drop
    /// Send this response now.
    case respond(ByteBuffer)
    /// Ask the resolver (`resolve`), which replies later.
    case resolve(PendingQuery)
  }

  /// A query waiting for the resolver: everything needed to answer it once the bytes it came in are gone.
  public struct PendingQuery: Sendable {
    public var question: Question
    public var scanned: ScannedQuery
    /// The most octets the client accepts.
    public var limit: Int
  }

  public let pipeline: QueryPipeline
  /// This loop's packet cache.
  public let cache: PacketCache
  public let statistics: ServerStatistics.Shard
  public let eventLoop: any EventLoop
  /// Runs this loop's resolutions on the loop itself (see `EventLoopTaskExecutor`).
  private let executor: EventLoopTaskExecutor

  public init(pipeline: QueryPipeline, statistics: ServerStatistics.Shard, eventLoop: any EventLoop) {
    self.pipeline = pipeline
    self.cache = PacketCache(capacity: pipeline.packetCacheSize, clock: pipeline.clock)
    self.statistics = statistics
    self.eventLoop = eventLoop
    self.executor = EventLoopTaskExecutor(eventLoop: eventLoop)
  }

  /// Handles one packet on the loop; `allowed` is the access-list verdict on its sender (a TCP connection
  /// checks once, UDP for every datagram).
  @inline(__always)
  public func process(
    _ packet: ByteBuffer, allowed: Bool, transport: Transport, allocator: ByteBufferAllocator
  ) -> Outcome {
    if transport == .udp { statistics.count(statistics.queriesUDP) } else { statistics.count(statistics.queriesTCP) }
    return packet.withUnsafeReadableBytes { bytes in
      switch ScannedQuery.scan(bytes, seed: pipeline.hashSeed) {
      case .drop:
        statistics.count(statistics.droppedMalformed)
        return .drop
      case .headerOnly(let id, let flagsWord, let rcode):
        statistics.countResponse(rcode)
        return .respond(RawResponse.headerOnly(id: id, queryFlagsWord: flagsWord, rcode: rcode, allocator: allocator))
      case .query(let scanned):
        guard allowed else {
          statistics.count(statistics.refusedByACL)
          return respond(bytes, scanned, .refused, allocator: allocator)
        }
        return query(bytes, scanned, transport: transport, allocator: allocator)
      }
    }
  }

  @inline(__always)
  private func query(
    _ bytes: UnsafeRawBufferPointer, _ scanned: ScannedQuery, transport: Transport, allocator: ByteBufferAllocator
  ) -> Outcome {
    if let edns = scanned.edns, edns.version > 0 { return respond(bytes, scanned, .badVers, allocator: allocator) }
    switch (scanned.type, scanned.rrClass) {
    case (RRType.opt.rawValue, _): return respond(bytes, scanned, .formErr, allocator: allocator)
    case (RRType.axfr.rawValue, _), (RRType.ixfr.rawValue, _):
      return respond(bytes, scanned, .refused, allocator: allocator)
    case (_, RRClass.internet.rawValue): break
    default: return respond(bytes, scanned, .refused, allocator: allocator)
    }

    let limit = transport == .udp ? AnswerEncoder.udpLimit(for: scanned, ceiling: pipeline.udpResponseCeiling) : 65_535
    if let hit = cache.answer(query: bytes, scanned: scanned, limit: limit, allocator: allocator) {
      statistics.count(statistics.cacheHits)
      statistics.countResponse(hit.rcode)
      if hit.truncated { statistics.count(statistics.truncated) }
      return .respond(hit.response)
    }
    statistics.count(statistics.cacheMisses)

    guard let question = try? QueryPeek(decoding: bytes).question else {
      return respond(bytes, scanned, .formErr, allocator: allocator)
    }
    if let local = pipeline.localZones?.localAnswer(question) {
      let encoded = EncodedAnswer.encode(
        local, question: question, scanned: scanned, limit: limit, policy: pipeline.cachePolicy)
      return .respond(deliver(encoded, for: scanned, allocator: allocator))
    }
    guard pipeline.resolutions.tryAcquire() else {
      statistics.count(statistics.resolutionOverflow)
      return respond(bytes, scanned, .servFail, extendedError: .otherError, allocator: allocator)
    }
    return .resolve(PendingQuery(question: question, scanned: scanned, limit: limit))
  }

  /// Resolves `pending` (admitted by `process`) in a task that runs on this loop, then caches the answer and
  /// passes the response to `reply`, also on the loop.
  public func resolve(
    _ pending: PendingQuery, allocator: ByteBufferAllocator, reply: @escaping @Sendable (ByteBuffer) -> Void
  ) {
    let handler = NIOLoopBound(self, eventLoop: eventLoop)
    let pipeline = self.pipeline
    let eventLoop = self.eventLoop
    Task(executorPreference: executor) {
      let result = await pipeline.resolver.resolve(pending.question)
      pipeline.resolutions.release()
      let encoded = EncodedAnswer.encode(
        QueryAnswer(result), question: pending.question, scanned: pending.scanned, limit: pending.limit,
        policy: pipeline.cachePolicy)
      eventLoop.execute {
        reply(handler.value.deliver(encoded, for: pending.scanned, allocator: allocator))
      }
    }
  }

  /// Stores an encoded answer in the cache and returns the response to send (SERVFAIL if encoding failed).
  private func deliver(_ encoded: EncodedAnswer?, for scanned: ScannedQuery, allocator: ByteBufferAllocator)
    -> ByteBuffer
  {
    guard let encoded else {
      statistics.countResponse(.servFail)
      return RawResponse.headerOnly(
        id: scanned.id, queryFlagsWord: scanned.flagsWord, rcode: .servFail, allocator: allocator)
    }
    if let ttl = encoded.cacheTTL {
      cache.insert(encoded.whole, for: scanned, ttl: ttl, rcode: encoded.rcode)
      if let truncated = encoded.truncated {
        cache.insert(truncated, for: scanned, truncatedTo: encoded.limit, ttl: ttl, rcode: encoded.rcode)
      }
    }
    statistics.countResponse(encoded.rcode)
    let sent = encoded.sent
    if sent.count > 2, sent[2] & 0x02 != 0 { statistics.count(statistics.truncated) }
    var buffer = allocator.buffer(capacity: sent.count)
    buffer.writeBytes(sent)
    return buffer
  }

  @inline(__always)
  private func respond(
    _ bytes: UnsafeRawBufferPointer, _ scanned: ScannedQuery, _ rcode: RCode,
    extendedError: ExtendedDNSError.InfoCode? = nil, allocator: ByteBufferAllocator
  ) -> Outcome {
    statistics.countResponse(rcode)
    return .respond(
      RawResponse.withQuestion(
        query: bytes, scanned: scanned, rcode: rcode, extendedError: extendedError, allocator: allocator))
  }
}
