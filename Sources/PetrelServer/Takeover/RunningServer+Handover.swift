import NIOCore

extension RunningServer {
  /// How draining after a hand-over ended.
  public struct DrainOutcome: Sendable, Equatable {
    /// Resolutions still running when the time was up (their clients get no answer from this daemon).
    public var unfinishedResolutions: Int
    /// Client TCP connections still open when the time was up (closed now).
    public var openTCPConnections: Int
    /// How long draining took.
    public var duration: Duration
  }

  /// The running daemon's last act after a takeover: stops reading every listening socket **without
  /// closing it** — the new daemon reads the very same sockets, and a closed UDP channel could not send the
  /// answers still due — waits until every resolution in flight has been answered and every client TCP
  /// connection has been closed by its client (or by the idle timeout), at most `timeout`, then closes this
  /// daemon's copies of the sockets and ends the event loops.
  ///
  /// Closing a copy closes only this process's descriptor: the socket lives on in the new daemon. Blocking;
  /// call it from the daemon's main thread.
  public func drainAfterHandover(timeout: Duration) -> DrainOutcome {
    let clock = ContinuousClock()
    let start = clock.now
    let loop = group.next()
    let paused = EventLoopFuture.andAllComplete(
      channels.map { $0.setOption(ChannelOptions.autoRead, value: false) }, on: loop)
    try? paused.wait()
    while pipeline.resolutions.count > 0 || tcpClients.count > 0, clock.now - start < timeout {
      try? loop.scheduleTask(in: .milliseconds(20)) {}.futureResult.wait()
    }
    let outcome = DrainOutcome(
      unfinishedResolutions: pipeline.resolutions.count, openTCPConnections: tcpClients.count,
      duration: clock.now - start)
    try? EventLoopFuture.andAllComplete(channels.map { $0.close() }, on: loop).wait()
    if outcome.unfinishedResolutions == 0 { try? group.syncShutdownGracefully() }
    return outcome
  }
}
