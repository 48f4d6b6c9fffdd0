import Glibc
public import PetrelSystem
import SystemPackage

/// The client's side of a conversation command (`takeover`): the request is sent, then exchange frames go
/// both ways on the same connection until the daemon's response.
///
/// It exists for the one client that is not `petrelctl`: a new `petreld` taking over from a running one
/// needs to read what it is offered, take or ask for the descriptors, and say when it is ready, all on the
/// connection the running daemon has authorised. Blocking, like ``ControlClient``: every wait is bounded
/// by the timeout given for it.
public final class ControlClientConversation: Sendable {
  /// What the daemon sent next.
  public enum Incoming: Sendable {
    /// A step of the conversation (its descriptors now belong to the caller).
    case exchange(ControlExchange)
    /// The daemon's final answer; it closes the connection after it.
    case response(ControlResponse)
  }

  /// The daemon, as the kernel recorded it when it called `listen` (`SO_PEERCRED`): its process ID and the
  /// credentials it had then.
  public let daemon: PeerCredentials
  private let connection: ControlConnection
  private let client: ControlClient

  /// Connects to the daemon of `client` and sends `request`, which must be a conversation command.
  ///
  /// - Throws: ``ControlClientError``; an immediate refusal (not authorised, busy) as
  ///   ``ControlClientError/refused(_:)``.
  public init(_ client: ControlClient, request: ControlRequest) throws(ControlClientError) {
    guard request.command.shape(options: request.options).conversation else {
      throw .invalidRequest(.malformed("\(request.command) is not a conversation command"))
    }
    let frame: ControlFrame
    do {
      try request.validate(attached: 0)
      frame = try ControlFrame.request(request)
    } catch let error as ControlRequestError {
      throw .invalidRequest(error)
    } catch {
      throw .invalidRequest(.malformed("\(error)"))
    }
    let connection = try client.connect()
    let daemon: PeerCredentials
    do {
      daemon = try connection.socket.peerCredentials()
    } catch {
      _ = Glibc.close(connection.socket.rawValue)
      throw .system(operation: "SO_PEERCRED on \(client.socketPath)", error)
    }
    self.client = client
    self.connection = connection
    self.daemon = daemon
    do {
      try connection.write(frame, until: Deadline(after: client.timeout))
    } catch .closed {
      // A refusal may already be waiting to be read: receive() reports it.
    } catch {
      _ = Glibc.close(connection.socket.rawValue)
      throw client.clientError(error)
    }
  }

  deinit {
    _ = Glibc.close(connection.socket.rawValue)
  }

  /// The daemon's next exchange frame or its response, waiting at most `timeout` (progress frames restart
  /// the wait and are otherwise skipped). Descriptors beyond
  /// ``ControlProtocol/maximumDescriptorsPerExchange`` are refused.
  ///
  /// - Throws: ``ControlClientError``; a `refused` response as ``ControlClientError/refused(_:)``.
  public func receive(timeout: Duration) throws(ControlClientError) -> Incoming {
    while true {
      let frame: ControlConnection.ReceivedFrame
      do {
        frame = try connection.readFrame(
          until: Deadline(after: timeout), maximumDescriptors: ControlProtocol.maximumDescriptorsPerExchange)
      } catch .frame(.versionMismatch(let daemonVersion, _)) {
        throw .versionMismatch(clientVersion: ControlProtocol.version, daemonVersion: daemonVersion, message: nil)
      } catch .timedOut {
        throw .timedOut(timeout)
      } catch {
        throw client.clientError(error)
      }
      switch frame.header.kind {
      case .progress:
        closeQuietly(frame.descriptors)
        continue
      case .exchange:
        return .exchange(ControlExchange(payload: frame.payload, descriptors: frame.descriptors))
      case .response:
        closeQuietly(frame.descriptors)
        let response: ControlResponse
        do {
          response = try ControlResponse(decodingPayload: frame.payload)
        } catch {
          throw .protocolViolation("\(error)")
        }
        if response.status == .refused { throw .refused(response.message) }
        return .response(response)
      case .request:
        closeQuietly(frame.descriptors)
        throw .protocolViolation("the daemon sent a request frame")
      }
    }
  }

  /// Sends `message` as the next exchange frame.
  public func send(_ message: some Encodable, timeout: Duration) throws(ControlClientError) {
    let frame: ControlFrame
    do {
      frame = try ControlExchange.frame(message)
    } catch {
      throw .invalidRequest(.malformed("\(error)"))
    }
    do {
      try connection.write(frame, until: Deadline(after: timeout))
    } catch .timedOut {
      throw .timedOut(timeout)
    } catch {
      throw client.clientError(error)
    }
  }
}
