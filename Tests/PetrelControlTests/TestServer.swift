import Foundation
import Glibc
import Logging
import PetrelControl
import Synchronization
import SystemPackage

/// A directory of its own for one test, removed afterwards. Mode 0755 so that a helper running as
/// `nobody` can reach a socket in it.
final class TemporaryDirectory: Sendable {
  let path: String

  init() throws {
    var template = Array("/tmp/petrel-control-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw Errno(rawValue: errno) }
    path = String(cString: created)
    guard chmod(path, 0o755) == 0 else { throw Errno(rawValue: errno) }
  }

  func file(_ name: String) -> String { path + "/" + name }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Collects what the control server logs, so tests can check that refusals are logged with a reason.
final class LogCapture: Sendable {
  struct Entry: Sendable, CustomStringConvertible {
    var level: Logger.Level
    var message: String
    var metadata: [String: String]

    var description: String { "[\(level)] \(message) \(metadata)" }
  }

  private let entries = Mutex<[Entry]>([])

  /// `contains(_:)` for asynchronous tests: waits without blocking a thread of the concurrency pool.
  func appears(_ text: String) async -> Bool {
    await eventually { all.contains(where: { $0.message.contains(text) }) }
  }

  var logger: Logger {
    Logger(label: "petrel.control.test") { _ in CapturingLogHandler(capture: self) }
  }

  var all: [Entry] { entries.withLock { $0 } }

  func append(_ entry: Entry) { entries.withLock { $0.append(entry) } }

  /// Whether some entry contains `text`, waiting (up to a generous bound, for a server thread to get
  /// there) until one does. Blocks: for synchronous tests.
  func contains(_ text: String, waitingUpTo bound: Duration = .seconds(20)) -> Bool {
    let limit = ContinuousClock.now + bound
    while true {
      if all.contains(where: { $0.message.contains(text) }) { return true }
      if ContinuousClock.now > limit { return false }
      usleep(2_000)
    }
  }
}

struct CapturingLogHandler: LogHandler {
  let capture: LogCapture
  var metadata: Logger.Metadata = [:]
  var metadataProvider: Logger.MetadataProvider?
  var logLevel: Logger.Level = .trace

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    capture.append(
      LogCapture.Entry(
        level: event.level, message: event.message.description, metadata: merged.mapValues { "\($0)" }))
  }
}

/// A handler made of a closure, counting its calls.
final class ClosureHandler: ControlCommandHandler {
  typealias Body = @Sendable (ControlRequest, [FileDescriptor], ControlProgressReporter) async throws -> ControlResponse

  private let body: Body
  private let calls = Atomic<Int>(0)

  init(_ body: @escaping Body = { request, _, _ in .ok("pong: \(request.command)") }) {
    self.body = body
  }

  var callCount: Int { calls.load(ordering: .acquiring) }

  func handle(_ request: ControlRequest, descriptors: [FileDescriptor], progress: ControlProgressReporter)
    async throws -> ControlResponse
  {
    calls.add(1, ordering: .acquiringAndReleasing)
    return try await body(request, descriptors, progress)
  }
}

/// A running control server on a socket in a temporary directory.
final class TestServer: Sendable {
  let directory: TemporaryDirectory
  let server: ControlServer
  let handler: ClosureHandler
  let logs = LogCapture()
  let socketPath: String

  init(
    mode: FilePermissions = [.ownerReadWrite, .groupReadWrite],
    authorization: ControlAuthorization = ControlAuthorization(),
    limits: ControlServerLimits = ControlServerLimits(),
    handler: ClosureHandler = ClosureHandler()
  ) throws {
    directory = try TemporaryDirectory()
    socketPath = directory.file("control.sock")
    let socket = try ControlServer.bind(path: socketPath, mode: mode)
    self.handler = handler
    server = ControlServer(
      socket: socket, handler: handler, authorization: authorization, limits: limits, logger: logs.logger)
    try server.start()
  }

  func client(timeout: Duration = .seconds(20)) -> ControlClient {
    ControlClient(socketPath: socketPath, timeout: timeout)
  }

  func stop() { server.stop() }

  deinit { server.stop() }
}
