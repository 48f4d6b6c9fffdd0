import Glibc
public import PetrelSystem
public import SystemPackage

/// The daemon's side of a conversation command (`takeover`): after the request, exchange frames go both
/// ways on the same authenticated connection until the handler returns its response.
///
/// It exists because a takeover is not one question and one answer: the new daemon must be told what it
/// will receive, may ask for the descriptors to be sent, and must say when it is ready — all over the one
/// connection whose peer the server has already authorised. Writes go through the session's progress
/// reporter, so an exchange frame and a progress frame never interleave.
public final class ControlConversation: Sendable {
  /// How often a wait for the client's next step checks whether the command was cancelled.
  public static let cancellationCheckInterval: Duration = .milliseconds(200)

  /// Who is at the other end, as the kernel recorded it at `connect` (`SO_PEERCRED`).
  public let peer: PeerCredentials
  private let reporter: ControlProgressReporter

  init(peer: PeerCredentials, reporter: ControlProgressReporter) {
    self.peer = peer
    self.reporter = reporter
  }

  /// Sends `message` as an exchange frame, with `descriptors` (at most
  /// ``ControlProtocol/maximumDescriptorsPerExchange``) attached to its header bytes. The descriptors stay
  /// the caller's.
  public func send(
    _ message: some Encodable, descriptors: [FileDescriptor] = [], timeout: Duration
  ) throws(ControlConversationError) {
    precondition(descriptors.count <= ControlProtocol.maximumDescriptorsPerExchange, "too many descriptors")
    let frame: ControlFrame
    do {
      frame = try ControlExchange.frame(message)
    } catch {
      throw .failed("\(error)")
    }
    do {
      try reporter.exchange(frame, descriptors: descriptors, until: Deadline(after: timeout))
    } catch {
      throw Self.conversationError(error, timeout: timeout)
    }
  }

  /// Waits at most `timeout` for the client's next exchange frame. Descriptors from the client are refused
  /// (none of this protocol's steps carries any).
  ///
  /// While nothing has arrived, checks every ``cancellationCheckInterval`` whether the handler's task was
  /// cancelled (the server is stopping), so that a daemon asked to stop never waits out a conversation.
  public func receive(timeout: Duration) throws(ControlConversationError) -> ControlExchange {
    let deadline = ContinuousClock.now + timeout
    while true {
      if Task.isCancelled { throw .cancelled }
      let slice = min(max(deadline - .now, .zero), Self.cancellationCheckInterval)
      let ready: [Int16]?
      do {
        ready = try Poll.wait([(reporter.connection.socket, Int16(POLLIN))], until: Deadline(after: slice))
      } catch {
        throw .failed("poll: \(error)")
      }
      if ready != nil { break }
      if ContinuousClock.now >= deadline { throw .timedOut(timeout) }
    }
    let frame: ControlConnection.ReceivedFrame
    do {
      frame = try reporter.connection.readFrame(until: Deadline(after: max(deadline - .now, .milliseconds(100))))
    } catch {
      if case .closed = error { reporter.markLost() }
      throw Self.conversationError(error, timeout: timeout)
    }
    guard frame.header.kind == .exchange else {
      throw .protocolViolation("expected an exchange frame, got a \(frame.header.kind) frame")
    }
    return ControlExchange(payload: frame.payload)
  }

  /// The next exchange frame decoded as `type`.
  public func receive<Message: Decodable>(
    _ type: Message.Type, timeout: Duration
  ) throws(ControlConversationError) -> Message {
    do {
      return try receive(timeout: timeout).decode(type)
    } catch let error as ControlConversationError {
      throw error
    } catch {
      throw .protocolViolation("\(error)")
    }
  }

  private static func conversationError(_ error: ControlConnectionError, timeout: Duration) -> ControlConversationError
  {
    switch error {
    case .closed, .frame(.truncatedHeader), .frame(.truncatedPayload): .closed
    case .timedOut: .timedOut(timeout)
    case .frame(let error): .protocolViolation("\(error)")
    case .descriptorsRefused(let reason): .protocolViolation(reason)
    case .system(let error): .failed("\(error)")
    }
  }
}
