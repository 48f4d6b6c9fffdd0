import Glibc
public import SystemPackage

/// The client's end of the control channel: connects, sends one request with its descriptors, reads
/// progress frames and the final response. Blocking, because its caller (`petrelctl`) has nothing else
/// to do meanwhile.
///
/// The timeout bounds each wait, not the whole exchange: every progress frame starts it again, so a
/// long dump succeeds as long as the daemon keeps making progress, and a stalled daemon is given up on.
public struct ControlClient: Sendable {
  /// The runtime directory of a daemon started with the default configuration.
  public static let defaultRuntimeDirectory = "/run/petrel"

  /// The control socket in `runtimeDirectory`.
  public static func socketPath(runtimeDirectory: String) -> String {
    (runtimeDirectory.hasSuffix("/") ? runtimeDirectory : runtimeDirectory + "/") + "control.sock"
  }

  public var socketPath: String
  public var timeout: Duration

  public init(socketPath: String, timeout: Duration = .seconds(10)) {
    self.socketPath = socketPath
    self.timeout = timeout
  }

  /// Sends `request` with `descriptors` (sets its `descriptorCount`) and returns the final response,
  /// calling `progress` for each progress frame. The descriptors stay the caller's.
  ///
  /// - Returns: the response, with status `ok` or `error`.
  /// - Throws: ``ControlClientError``; status `refused` is thrown as ``ControlClientError/refused(_:)``.
  public func send(
    _ request: ControlRequest,
    descriptors: [FileDescriptor] = [],
    progress: (ControlProgress) -> Void = { _ in }
  ) throws(ControlClientError) -> ControlResponse {
    var request = request
    request.descriptorCount = descriptors.count
    let frame: ControlFrame
    do {
      try request.validate(attached: descriptors.count)
      frame = try ControlFrame.request(request)
    } catch let error as ControlRequestError {
      throw .invalidRequest(error)
    } catch {
      throw .invalidRequest(.malformed("\(error)"))
    }
    guard frame.payload.count <= ControlProtocol.maximumPayloadSize else {
      throw .invalidRequest(.malformed("the request is larger than \(ControlProtocol.maximumPayloadSize) bytes"))
    }

    let connection = try connect()
    defer { _ = Glibc.close(connection.socket.rawValue) }
    do {
      try connection.write(frame, descriptors: descriptors, until: Deadline(after: timeout))
    } catch .closed {
      // The daemon may have answered before it stopped reading (a refusal): read on.
    } catch {
      throw clientError(error)
    }
    return try readResponse(from: connection, progress: progress)
  }

  /// A connected socket. `SO_SNDTIMEO` bounds `connect` too, which waits while the daemon's backlog is full.
  private func connect() throws(ControlClientError) -> ControlConnection {
    guard let address = UnixSocketPath(socketPath) else { throw .invalidSocketPath(socketPath) }
    let socket: FileDescriptor
    do {
      socket = try UnixSocketPath.makeSocket()
    } catch {
      throw .system(operation: "socket", error)
    }
    let (seconds, attoseconds) = timeout.components
    var limit = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
    _ = setsockopt(socket.rawValue, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    do {
      try address.connect(socket)
      return ControlConnection(socket: socket)
    } catch {
      _ = Glibc.close(socket.rawValue)
      switch error {
      case .noSuchFileOrDirectory: throw .daemonNotRunning(path: socketPath, reason: "no such socket")
      case .connectionRefused: throw .daemonNotRunning(path: socketPath, reason: "nothing listens on the socket")
      case .permissionDenied, .notPermitted: throw .permissionDenied(path: socketPath)
      case .wouldBlock: throw .timedOut(timeout)
      default: throw .system(operation: "connect to \(socketPath)", error)
      }
    }
  }

  /// Reads progress frames until the response.
  private func readResponse(
    from connection: ControlConnection,
    progress: (ControlProgress) -> Void
  ) throws(ControlClientError) -> ControlResponse {
    while true {
      let frame: ControlConnection.ReceivedFrame
      do {
        frame = try connection.readFrame(until: Deadline(after: timeout))
      } catch .frame(.versionMismatch(let daemonVersion, let length)) {
        throw .versionMismatch(
          clientVersion: ControlProtocol.version, daemonVersion: daemonVersion,
          message: mismatchMessage(from: connection, length: length))
      } catch {
        throw clientError(error)
      }
      switch frame.header.kind {
      case .progress:
        do {
          progress(try ControlProgress(decodingPayload: frame.payload))
        } catch {
          throw .protocolViolation("\(error)")
        }
      case .response:
        let response: ControlResponse
        do {
          response = try ControlResponse(decodingPayload: frame.payload)
        } catch {
          throw .protocolViolation("\(error)")
        }
        if response.status == .refused { throw .refused(response.message) }
        return response
      case .request:
        throw .protocolViolation("the daemon sent a request frame")
      }
    }
  }

  /// The message of a response in another protocol version, if it can be read at all: the header layout
  /// is the same in every version, the payload may not be.
  private func mismatchMessage(from connection: ControlConnection, length: Int) -> String? {
    guard length <= ControlProtocol.maximumPayloadSize,
      let payload = try? connection.readPayload(length: length, until: Deadline(after: timeout)),
      let response = try? ControlResponse(decodingPayload: payload)
    else { return nil }
    return response.message
  }

  private func clientError(_ error: ControlConnectionError) -> ControlClientError {
    switch error {
    case .timedOut: .timedOut(timeout)
    case .closed: .closedByDaemon
    case .frame(.truncatedHeader), .frame(.truncatedPayload): .closedByDaemon
    case .frame(let error): .protocolViolation("\(error)")
    case .descriptorsRefused(let reason): .protocolViolation(reason)
    case .system(let error): .system(operation: "control connection", error)
    }
  }
}
