import Glibc
import Logging
import PetrelSystem
import Synchronization
import SystemPackage

/// One control connection on the daemon's side, from accept to close: authorise the peer, read and
/// check one request, run the handler, answer. Every way out of a session is logged with the peer's
/// credentials, and every descriptor received is closed when the session ends.
struct ControlSession {
  let server: ControlServer
  let id: Int
  let connection: ControlConnection

  /// How often a session whose handler is waiting (on an actor, a timer) checks that its client is still
  /// connected.
  static let hangUpCheckInterval = Duration.milliseconds(200)

  private var logger: Logger { server.logger }
  private var limits: ControlServerLimits { server.limits }

  func run() {
    let peer: PeerCredentials
    do {
      peer = try connection.socket.peerCredentials()
    } catch {
      logger.warning("control connection without peer credentials (\(error)); closed")
      return
    }
    var logger = self.logger
    logger[metadataKey: "peer"] = "\(peer)"

    switch server.authorization.decide(peer: peer, peerGroups: try? connection.socket.peerGroups()) {
    case .refused(let reason):
      logger.warning("refused control connection: \(reason)")
      answer(.refused(reason), logger: logger)
      return
    case .allowed(let reason):
      logger.debug("control connection allowed: \(reason)")
    }

    guard let (request, descriptors) = readRequest(logger: logger) else { return }
    guard server.requestReceived(session: id) else {
      closeQuietly(descriptors)
      refuse("the daemon is stopping", logger: logger)
      return
    }
    let commandLine = ([request.command.rawValue] + request.arguments).joined(separator: " ")
    logger.info("control command: \(LogText.sanitized(commandLine))")

    let reporter = ControlProgressReporter(
      connection: connection, interval: limits.progressInterval, writeTimeout: limits.writeTimeout)
    let outcome = runHandler(request, descriptors: descriptors, reporter: reporter)
    // Closed before the answer: a client that gets "ok" may rely on the daemon holding none of its files.
    closeQuietly(descriptors)
    if reporter.connectionLost {
      logger.notice("control client disconnected during \(request.command); nothing more to do")
      return
    }
    let response = Self.response(for: outcome)
    answer(response, reporter: reporter, logger: logger)
    logger.info("control command \(request.command): \(response.status)")
  }

  /// Reads the request frame and checks it. On any problem, answers `refused`, logs why, closes every
  /// descriptor that came, and returns nil.
  private func readRequest(logger: Logger) -> (ControlRequest, [FileDescriptor])? {
    let frame: ControlConnection.ReceivedFrame
    do {
      frame = try connection.readFrame(
        until: Deadline(after: limits.requestTimeout), maximumPayloadSize: limits.maximumRequestSize,
        maximumDescriptors: ControlProtocol.maximumDescriptorsPerRequest)
    } catch .closed {
      logger.debug("control client closed the connection without sending a request")
      return nil
    } catch .timedOut {
      refuse("no complete request within \(limits.requestTimeout)", logger: logger)
      return nil
    } catch .frame(.versionMismatch(let peerVersion, _)) {
      refuse(
        "protocol version mismatch: the client speaks version \(peerVersion), this daemon speaks version "
          + "\(ControlProtocol.version); use the petrelctl that came with this petreld",
        fields: ["protocol-version": .count(ControlProtocol.version)], logger: logger)
      return nil
    } catch .frame(let error) {
      refuse("malformed request: \(error)", logger: logger)
      return nil
    } catch .descriptorsRefused(let reason) {
      refuse(reason, logger: logger)
      return nil
    } catch {
      logger.warning("control connection failed while reading the request: \(error)")
      return nil
    }

    do throws(ControlRequestError) {
      guard frame.header.kind == .request else {
        throw .malformed("expected a request frame, got a \(frame.header.kind) frame")
      }
      let request = try ControlRequest(decodingPayload: frame.payload)
      try request.validate(attached: frame.descriptors.count)
      try DescriptorAccessMode.check(frame.descriptors, for: request)
      return (request, frame.descriptors)
    } catch {
      closeQuietly(frame.descriptors)
      refuse("\(error)", logger: logger)
      return nil
    }
  }

  /// Runs the handler on this thread (as the task's preferred executor) until it finishes, checking
  /// between jobs whether the client is still there.
  private func runHandler(
    _ request: ControlRequest,
    descriptors: [FileDescriptor],
    reporter: ControlProgressReporter
  ) -> Result<ControlResponse, any Error> {
    let executor = SessionExecutor()
    let outcome = HandlerOutcome()
    let handler = server.handler
    let task = Task(executorPreference: executor) {
      let result: Result<ControlResponse, any Error>
      do {
        result = .success(try await handler.handle(request, descriptors: descriptors, progress: reporter))
      } catch {
        result = .failure(error)
      }
      outcome.set(result)
      executor.finish()
    }
    server.register(task, session: id)
    executor.run(idleInterval: Self.hangUpCheckInterval) {
      if !reporter.connectionLost && connection.peerHasLeft() {
        reporter.markLost()
        task.cancel()
      }
    }
    return outcome.value ?? .failure(CancellationError())
  }

  /// The response for what the handler did.
  private static func response(for outcome: Result<ControlResponse, any Error>) -> ControlResponse {
    switch outcome {
    case .success(let response): response
    case .failure(let error as any ControlResponseConvertible): error.controlResponse
    case .failure(is CancellationError): .error("cancelled: the daemon is stopping")
    case .failure(let error): .error("\(error)")
    }
  }

  private func refuse(_ reason: String, fields: [String: ControlValue] = [:], logger: Logger) {
    logger.warning("refused control request: \(LogText.sanitized(reason))")
    answer(.refused(reason, fields: fields), logger: logger)
  }

  private func answer(_ response: ControlResponse, reporter: ControlProgressReporter? = nil, logger: Logger) {
    let reporter =
      reporter
      ?? ControlProgressReporter(
        connection: connection, interval: limits.progressInterval, writeTimeout: limits.writeTimeout)
    do {
      try reporter.answer(response)
    } catch {
      logger.notice("could not deliver the \(response.status) response: \(error)")
    }
  }
}

/// Where the handler's task leaves its result for the session thread.
private final class HandlerOutcome: Sendable {
  private let result = Mutex<Result<ControlResponse, any Error>?>(nil)

  func set(_ value: sending Result<ControlResponse, any Error>) {
    result.withLock { $0 = value }
  }

  var value: Result<ControlResponse, any Error>? { result.withLock { $0 } }
}
