import Glibc
public import Logging
import PetrelSystem
import SystemPackage

/// The daemon's end of the control channel: accepts connections on a ``BoundControlSocket``, checks each
/// peer's credentials, reads one request, lets the ``ControlCommandHandler`` carry it out while progress
/// frames keep the client waiting, answers and closes.
///
/// All socket I/O is blocking, on dedicated threads: one accepts, one more serves each connection (at
/// most ``ControlServerLimits/maximumConnections``). SwiftNIO is not used because it cannot receive
/// descriptors; the threads also let a handler block on a slow reader without touching the concurrency
/// pool that resolves queries.
public final class ControlServer: Sendable {
  private enum Phase {
    case created
    case running
    case stopped
  }

  private struct Session {
    var thread: pthread_t?
    /// The connection, while the session still waits for its request (``stop()`` cuts that wait short).
    var awaitingRequest: FileDescriptor?
    var task: Task<Void, Never>?
  }

  private struct State {
    var phase = Phase.created
    var acceptThread: ControlThread?
    var wake: (reader: FileDescriptor, writer: FileDescriptor)?
    var sessions: [Int: Session] = [:]
    var nextSessionID = 0
  }

  let socket: BoundControlSocket
  let handler: any ControlCommandHandler
  let authorization: ControlAuthorization
  let limits: ControlServerLimits
  let logger: Logger
  private let state = LockedCondition(State())

  /// - Parameters:
  ///   - socket: from ``bind(path:mode:group:backlog:)``; the server owns it from now on.
  ///   - handler: carries out the commands.
  ///   - authorization: who may connect; build it after the privilege drop so the daemon's own user is
  ///     the unprivileged one.
  public init(
    socket: BoundControlSocket,
    handler: any ControlCommandHandler,
    authorization: ControlAuthorization = ControlAuthorization(),
    limits: ControlServerLimits = ControlServerLimits(),
    logger: Logger
  ) {
    self.socket = socket
    self.handler = handler
    self.authorization = authorization
    self.limits = limits
    var logger = logger
    logger[metadataKey: "control-socket"] = "\(socket.path)"
    self.logger = logger
  }

  /// Starts accepting connections on a thread of its own.
  public func start() throws(ControlServerError) {
    let wake: (FileDescriptor, FileDescriptor)
    do {
      wake = try FileDescriptor.socketPair()
    } catch {
      throw .resources("wake-up socket pair: \(error)")
    }
    let started: Result<Void, ControlServerError> = state.withLock { state in
      guard state.phase == .created else { return .failure(.notStartable) }
      do {
        state.acceptThread = try ControlThread.start { [self] in acceptLoop(wake: wake.0) }
      } catch {
        return .failure(.resources("\(error)"))
      }
      state.wake = (wake.0, wake.1)
      state.phase = .running
      return .success(())
    }
    if case .failure = started { closeQuietly([wake.0, wake.1]) }
    try started.get()
    logger.info("control server listening")
  }

  /// Stops accepting, closes the socket and removes its file, ends the sessions still waiting for their
  /// request, cancels the handlers still running and waits until every session has ended. A session whose
  /// handler has already answered still delivers its response.
  ///
  /// Call it from anywhere but a command handler: a handler that wants the daemon to stop (`quit`)
  /// answers first and has the daemon call `stop()` afterwards. Called on a session's thread anyway, it
  /// does not wait for that session.
  public func stop() {
    let (acceptThread, wake) = state.withLock { state in
      let previous = state.phase
      state.phase = .stopped
      return previous == .running ? (state.acceptThread, state.wake) : (nil, nil)
    }
    if let wake, let acceptThread {
      _ = try? wake.writer.writeAll([1])
      acceptThread.join()
      closeQuietly([wake.reader, wake.writer])
    }
    socket.close()
    let current = pthread_self()
    state.withLock { state in
      for session in state.sessions.values {
        // The session's read sees the end of the stream at once instead of waiting out its timeout.
        if let connection = session.awaitingRequest { _ = shutdown(connection.rawValue, CInt(SHUT_RD)) }
        session.task?.cancel()
      }
    }
    state.wait(
      until: { state in
        state.sessions.values.allSatisfy { session in session.thread.map { pthread_equal($0, current) != 0 } ?? false }
      },
      then: { _, _ in })
  }

  /// Accepts until woken through `wake`.
  private func acceptLoop(wake: FileDescriptor) {
    let listener = socket.descriptor
    while true {
      let ready: [Int16]?
      do {
        ready = try Poll.wait([(listener, Int16(POLLIN)), (wake, Int16(POLLIN))], until: .never)
      } catch {
        logger.error("control server stops accepting: poll failed: \(error)")
        return
      }
      guard let ready, ready[1] == 0 else { return }
      let connection: FileDescriptor
      do {
        connection = try listener.acceptConnection()
      } catch .connectionAbort, .wouldBlock {
        continue
      } catch {
        // EMFILE and friends: the connection stays queued, so pause instead of spinning on it.
        logger.error("cannot accept a control connection: \(error)")
        _ = try? Poll.wait([(wake, Int16(POLLIN))], until: Deadline(after: .milliseconds(100)))
        continue
      }
      admit(connection)
    }
  }

  /// Starts a session for `connection`, or refuses it when the server is full or stopping.
  private func admit(_ connection: FileDescriptor) {
    let admitted: Result<Int, Refusal> = state.withLock { state in
      guard state.phase == .running else { return .failure(.stopping) }
      guard state.sessions.count < limits.maximumConnections else { return .failure(.busy) }
      let id = state.nextSessionID
      state.nextSessionID += 1
      state.sessions[id] = Session(awaitingRequest: connection)
      return .success(id)
    }
    let id: Int
    switch admitted {
    case .success(let admittedID): id = admittedID
    case .failure(let refusal):
      refuse(connection, refusal)
      return
    }
    do {
      try ControlThread.start(detached: true) { [self] in
        state.withLock { $0.sessions[id]?.thread = pthread_self() }
        ControlSession(server: self, id: id, connection: ControlConnection(socket: connection)).run()
        // Closed under the lock, so that stop() never shuts down a descriptor number already reused.
        state.withLock { state in
          _ = Glibc.close(connection.rawValue)
          state.sessions[id] = nil
        }
      }
    } catch {
      state.withLock { $0.sessions[id] = nil }
      logger.error("cannot start a control session: \(error)")
      refuse(connection, .busy)
    }
  }

  /// Why a connection gets no session.
  private enum Refusal: Error {
    case busy
    case stopping
  }

  /// Answers `refused` without reading anything, and closes.
  private func refuse(_ connection: FileDescriptor, _ refusal: Refusal) {
    let peer = (try? connection.peerCredentials()).map { "\($0)" } ?? "unknown peer"
    let message: String
    switch refusal {
    case .busy:
      logger.warning("refused control connection from \(peer): too many connections")
      message =
        "the daemon is busy: \(limits.maximumConnections) control connections are already open; try again later"
    case .stopping:
      logger.notice("refused control connection from \(peer): stopping")
      message = "the daemon is stopping"
    }
    try? ControlConnection(socket: connection).write(
      ControlFrame.response(.refused(message)), until: Deadline(after: .milliseconds(100)))
    _ = Glibc.close(connection.rawValue)
  }

  /// Records that a session has its request: ``stop()`` no longer cuts its connection short.
  /// - Returns: false if the server is stopping, and the request should not be carried out.
  func requestReceived(session id: Int) -> Bool {
    state.withLock { state in
      state.sessions[id]?.awaitingRequest = nil
      return state.phase != .stopped
    }
  }

  /// Registers the task running a session's handler, so that ``stop()`` can cancel it. A session that
  /// starts its handler after `stop()` began gets it cancelled at once.
  func register(_ task: Task<Void, Never>, session id: Int) {
    let stopping = state.withLock { state in
      state.sessions[id]?.task = task
      return state.phase == .stopped
    }
    if stopping { task.cancel() }
  }
}
