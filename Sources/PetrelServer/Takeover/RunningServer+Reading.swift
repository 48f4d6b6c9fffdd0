import NIOCore

extension RunningServer {
  /// Starts reading every listening socket: for a daemon that took over sockets and was told the previous
  /// owner no longer reads them. Blocking; returns once every listener reads.
  public func startReading() {
    setReading(true)
  }

  /// Stops reading every listening socket without closing it: the socket's queue then waits for the other
  /// daemon that holds it. Client TCP connections already accepted are not affected. Blocking; returns once
  /// no listener reads any more, so that from then on only the other daemon does.
  public func pauseReading() {
    setReading(false)
  }

  private func setReading(_ reading: Bool) {
    let loop = group.next()
    try? EventLoopFuture.andAllComplete(
      channels.map { $0.setOption(ChannelOptions.autoRead, value: reading) }, on: loop
    ).wait()
  }
}
