public import NIOCore
public import NIOPosix

/// The listeners of phase 2, serving: what the daemon holds on to until it is told to stop.
///
/// Gives access to the counters and the packet caches (for the control channel), and stops in order: the
/// sockets close first so that no new query is taken, queries already being resolved get a short grace to
/// finish and be answered, then the event loops end.
public final class RunningServer: Sendable {
  public let group: MultiThreadedEventLoopGroup
  /// The UDP sockets and TCP listening sockets, as channels.
  public let channels: [any Channel]
  /// The sockets served (with the ports actually bound).
  public let sockets: BoundSockets
  public let pipeline: QueryPipeline
  public let statistics: ServerStatistics
  public let packetCache: PacketCacheShards
  /// Client TCP connections open.
  public let tcpClients: AdmissionLimit

  init(
    group: MultiThreadedEventLoopGroup, channels: [any Channel], sockets: BoundSockets, pipeline: QueryPipeline,
    statistics: ServerStatistics, packetCache: PacketCacheShards, tcpClients: AdmissionLimit
  ) {
    self.group = group
    self.channels = channels
    self.sockets = sockets
    self.pipeline = pipeline
    self.statistics = statistics
    self.packetCache = packetCache
    self.tcpClients = tcpClients
  }

  /// Closes the listening sockets, then waits (at most `grace`) for running resolutions to be answered.
  public func stopListening(grace: Duration) -> EventLoopFuture<Void> {
    let loop = group.next()
    let closed = EventLoopFuture.andAllComplete(channels.map { $0.close() }, on: loop)
    let deadline = NIODeadline.now() + TimeAmount(grace)
    let resolutions = pipeline.resolutions
    return closed.flatMap {
      let drained = loop.makePromise(of: Void.self)
      @Sendable func check() {
        if resolutions.count == 0 || NIODeadline.now() >= deadline {
          drained.succeed()
        } else {
          loop.scheduleTask(in: .milliseconds(20)) { check() }
        }
      }
      check()
      return drained.futureResult
    }
  }

  /// Stops serving from a thread that is not an event loop (the daemon's main thread, about to exit).
  ///
  /// Returns the number of resolutions still running after the grace period. When there are any, the event
  /// loops are left running — ending them under a resolution would only make it fail noisily — and the
  /// process's exit ends everything; otherwise the loops are shut down before this returns.
  public func shutdownBlocking(grace: Duration) throws -> Int {
    try? stopListening(grace: grace).wait()
    let unfinished = pipeline.resolutions.count
    if unfinished == 0 { try group.syncShutdownGracefully() }
    return unfinished
  }

  /// Stops serving from async code (tests).
  public func shutdown(grace: Duration = .zero) async throws {
    try? await stopListening(grace: grace).get()
    try await group.shutdownGracefully()
  }
}
