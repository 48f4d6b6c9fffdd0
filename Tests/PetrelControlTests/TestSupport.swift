import Foundation
import Glibc
import Logging
import PetrelControl
import PetrelSystem
import Synchronization
import SystemPackage
import Testing

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

/// A raw connection to a control socket, for sending what no well-behaved client would.
final class RawConnection {
  let socket: FileDescriptor
  private var isOpen = true

  init(path: String) throws {
    let raw = Glibc.socket(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard raw >= 0 else { throw Errno(rawValue: errno) }
    socket = FileDescriptor(rawValue: raw)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(raw, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard result == 0 else {
      let error = Errno(rawValue: errno)
      _ = Glibc.close(raw)
      throw error
    }
    // A safety bound so that a broken server fails the test instead of hanging it.
    var limit = timeval(tv_sec: 30, tv_usec: 0)
    _ = setsockopt(raw, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Sends `bytes` (with `descriptors` attached); ignores a peer that already closed.
  func send(_ bytes: [UInt8], descriptors: [FileDescriptor] = []) {
    _ = try? socket.send(payload: bytes, descriptors: descriptors)
  }

  /// Everything the server sends until it closes the connection.
  func readToEnd() -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.recv(socket.rawValue, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        bytes += chunk.prefix(count)
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        return bytes
      }
    }
  }

  /// The frames in everything the server sends until it closes.
  func readFrames() throws -> [(header: ControlFrameHeader, payload: [UInt8])] {
    var bytes = readToEnd()[...]
    var frames: [(header: ControlFrameHeader, payload: [UInt8])] = []
    while !bytes.isEmpty {
      let header = try ControlFrameHeader(decoding: bytes.prefix(ControlProtocol.headerSize))
      bytes = bytes.dropFirst(ControlProtocol.headerSize)
      frames.append((header, Array(bytes.prefix(header.payloadLength))))
      bytes = bytes.dropFirst(header.payloadLength)
    }
    return frames
  }

  /// The one response the server sends before closing.
  func readResponse() throws -> ControlResponse {
    let frames = try readFrames()
    guard let last = frames.last, last.header.kind == .response else {
      throw ControlPayloadError(expected: "response", reason: "got \(frames.map(\.header.kind))")
    }
    return try ControlResponse(decodingPayload: last.payload)
  }

  /// Shuts down the sending side, so the server sees the end of the request but can still answer.
  func finishSending() {
    _ = shutdown(socket.rawValue, CInt(SHUT_WR))
  }

  func close() {
    guard isOpen else { return }
    isOpen = false
    _ = Glibc.close(socket.rawValue)
  }

  deinit { close() }
}

/// A boolean one thread sets and another reads.
final class Flag: Sendable {
  private let value = Atomic<Bool>(false)

  func set() { value.store(true, ordering: .releasing) }
  var isSet: Bool { value.load(ordering: .acquiring) }
}

/// Opens, closes, waits: a one-shot signal from a test to a handler (or back).
final class Gate: Sendable {
  private let stream: AsyncStream<Void>
  private let continuation: AsyncStream<Void>.Continuation

  init() {
    (stream, continuation) = AsyncStream.makeStream()
  }

  func open() { continuation.finish() }

  /// Returns once the gate is open, or throws when the task is cancelled.
  func wait() async throws {
    for await _ in stream {}
    try Task.checkCancellation()
  }
}

/// Waits (with a generous bound) until `condition` holds; for state another thread changes. Sleeps
/// between looks instead of blocking, so the concurrency pool stays free for the test's other tasks.
func eventually(waitingUpTo bound: Duration = .seconds(20), _ condition: () -> Bool) async -> Bool {
  let limit = ContinuousClock.now + bound
  while !condition() {
    if ContinuousClock.now > limit { return false }
    try? await Task.sleep(for: .milliseconds(1))
  }
  return true
}

/// A request frame with a hand-written JSON payload.
func requestFrame(_ json: String, version: UInt16 = ControlProtocol.version) -> [UInt8] {
  ControlFrame(kind: .request, payload: Array(json.utf8), version: version).bytes
}

/// A pipe whose ends the test owns; `identity` finds every copy of it in /proc/self/fd.
struct TestPipe {
  let readEnd: FileDescriptor
  let writeEnd: FileDescriptor
  var identity: FileIdentity { FileIdentity(of: readEnd) }

  init() throws {
    (readEnd, writeEnd) = try FileDescriptor.pipe()
    _ = fcntl(readEnd.rawValue, F_SETFD, FD_CLOEXEC)
    _ = fcntl(writeEnd.rawValue, F_SETFD, FD_CLOEXEC)
  }

  /// Whether the read end sees end of file, i.e. no write end is open anywhere but was closed by us.
  func readEndSeesEndOfFile() -> Bool {
    var entry = pollfd(fd: readEnd.rawValue, events: Int16(POLLIN), revents: 0)
    guard poll(&entry, 1, 20_000) == 1 else { return false }
    var byte: UInt8 = 0
    return Glibc.read(readEnd.rawValue, &byte, 1) == 0
  }
}

/// Runs blocking work on a thread of its own (not the concurrency pool) and waits for its result.
func onThread<Result: Sendable>(_ body: @escaping @Sendable () -> Result) async -> Result {
  await withCheckedContinuation { continuation in
    Thread.detachNewThread { continuation.resume(returning: body()) }
  }
}

/// The built `petrelctl`, next to the test bundle: `.build/<config>/petrelctl`.
var petrelctlPath: String {
  let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
  return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("petrelctl").path
}

/// What a finished child process left behind.
struct ProcessOutcome: Sendable {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

/// Runs `arguments` (the first is the executable), optionally in `directory`, with `input` on its
/// standard input.
func runProcess(_ arguments: [String], in directory: String? = nil, input: [UInt8] = []) async throws
  -> ProcessOutcome
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: arguments[0])
  process.arguments = Array(arguments.dropFirst())
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let output = Pipe()
  let error = Pipe()
  let standardInput = Pipe()
  process.standardOutput = output
  process.standardError = error
  process.standardInput = standardInput
  try process.run()
  try standardInput.fileHandleForWriting.write(contentsOf: Data(input))
  try standardInput.fileHandleForWriting.close()
  let (out, err) = await onThread {
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (out, err)
  }
  return ProcessOutcome(
    status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
    standardError: String(decoding: err, as: UTF8.self))
}

/// `setpriv` switching to `nobody`/`nogroup` with no supplementary groups, then `arguments`.
func asNobody(_ arguments: [String], extraGroups: [UInt32] = []) -> [String] {
  let groups =
    extraGroups.isEmpty ? ["--clear-groups"] : ["--groups", extraGroups.map(String.init).joined(separator: ",")]
  return ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup"] + groups + ["--"] + arguments
}

let runningAsRoot = getuid() == 0

/// The identity of an open file (device and inode).
struct FileIdentity: Hashable {
  var device: UInt64
  var inode: UInt64

  init(of descriptor: FileDescriptor) {
    var status = stat()
    precondition(fstat(descriptor.rawValue, &status) == 0)
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
  }

  init?(number: CInt) {
    var status = stat()
    guard fstat(number, &status) == 0 else { return nil }
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
  }
}

/// The entries of `/proc/self/fd` that belong to the control channel under test: sockets whose own or
/// peer address is `socketPath`, and descriptors of the files in `identities`. Counting only these keeps
/// the leak check exact while other tests in the same process open and close descriptors of their own.
func controlDescriptors(socketPath: String, identities: Set<FileIdentity> = []) -> [CInt] {
  guard let directory = opendir("/proc/self/fd") else { return [] }
  defer { closedir(directory) }
  let own = dirfd(directory)
  var found: [CInt] = []
  while let entry = readdir(directory) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    guard let number = CInt(name), number != own else { continue }
    if let identity = FileIdentity(number: number), identities.contains(identity) {
      found.append(number)
    } else if unixAddresses(of: number).contains(socketPath) {
      found.append(number)
    }
  }
  return found
}

/// The local and peer path of an `AF_UNIX` socket (empty for anything else).
private func unixAddresses(of number: CInt) -> [String] {
  [Glibc.getsockname, Glibc.getpeername].compactMap { call -> String? in
    var address = sockaddr_un()
    var length = socklen_t(MemoryLayout<sockaddr_un>.size)
    let result = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { call(number, $0, &length) }
    }
    guard result == 0, address.sun_family == sa_family_t(AF_UNIX) else { return nil }
    return withUnsafeBytes(of: address.sun_path) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
  }
}

/// Reads everything from `descriptor` until end of file, slowly when asked: `pause` microseconds between
/// small reads, to make the writer wait on a full pipe.
func readAll(_ descriptor: FileDescriptor, chunk: Int = 65_536, pause: useconds_t = 0) -> [UInt8] {
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: chunk)
  while true {
    let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor.rawValue, $0.baseAddress, $0.count) }
    if count > 0 {
      bytes += buffer.prefix(count)
      if pause > 0 { usleep(pause) }
    } else if count < 0 && errno == EINTR {
      continue
    } else {
      return bytes
    }
  }
}

/// Contents of a file.
func contents(of path: String) -> String? {
  FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}
