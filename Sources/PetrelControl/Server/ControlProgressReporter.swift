import Synchronization

/// Sends progress frames to the client while a handler works, at most one per interval, so the handler
/// may call ``report(_:)`` for every record without flooding the socket. Each frame resets the client's
/// timeout: a long dump that keeps writing never times out, one that stalls does.
///
/// It is also how a handler learns that its client left: ``report(_:)`` then throws
/// ``ControlConnectionLost``.
public final class ControlProgressReporter: Sendable {
  private struct State {
    var lastFrame: ContinuousClock.Instant
    var lost = false
    var answered = false
    var framesSent = 0
  }

  let connection: ControlConnection
  private let interval: Duration
  private let writeTimeout: Duration
  private let state: Mutex<State>

  init(connection: ControlConnection, interval: Duration, writeTimeout: Duration) {
    self.connection = connection
    self.interval = interval
    self.writeTimeout = writeTimeout
    self.state = Mutex(State(lastFrame: .now))
  }

  /// Sends `progress` if the interval has passed since the request arrived or the last frame went out;
  /// otherwise does nothing. Never waits longer than the server's write timeout: a client that does not
  /// read for that long is treated as gone.
  ///
  /// - Throws: ``ControlConnectionLost`` when the client has disconnected.
  public func report(_ progress: @autoclosure () -> ControlProgress) throws(ControlConnectionLost) {
    let outcome: Bool = state.withLock { state in
      if state.lost { return false }
      if state.answered || ContinuousClock.now - state.lastFrame < interval { return true }
      guard let frame = try? ControlFrame.progress(progress()) else { return true }
      do {
        try connection.write(frame, until: Deadline(after: writeTimeout))
        state.lastFrame = .now
        state.framesSent += 1
        return true
      } catch {
        state.lost = true
        return false
      }
    }
    guard outcome else { throw ControlConnectionLost() }
  }

  /// Shorthand for a progress frame built from a message and fields.
  public func report(message: String, fields: [String: ControlValue] = [:]) throws(ControlConnectionLost) {
    try report(ControlProgress(message: message, fields: fields))
  }

  /// Whether the client is known to have left.
  public var connectionLost: Bool { state.withLock { $0.lost } }

  /// How many progress frames went out.
  var framesSent: Int { state.withLock { $0.framesSent } }

  /// Records that the client left (the session found the socket closed while the handler ran).
  func markLost() {
    state.withLock { $0.lost = true }
  }

  /// Sends the final response, after which no progress frame can follow it.
  func answer(_ response: ControlResponse) throws(ControlConnectionError) {
    let result: Result<Void, ControlConnectionError> = state.withLock { state in
      state.answered = true
      if state.lost { return .failure(.closed) }
      do throws(ControlConnectionError) {
        try connection.write(ControlFrame.response(response), until: Deadline(after: writeTimeout))
        return .success(())
      } catch {
        state.lost = true
        return .failure(error)
      }
    }
    try result.get()
  }
}
