import Glibc
import PetrelControl
import Synchronization
import SystemPackage

/// One running `trace-queries`: which names it traces, the daemon's own duplicate of the client's descriptor,
/// and the thread that writes the trace lines into it.
///
/// Tracers run inside resolutions and must never block, so they only queue lines here; a thread of the
/// session's own writes them out, waiting with `poll` for a slow reader. The queue is bounded: when the
/// reader falls behind, lines are dropped and counted, and a line saying how many went is written once
/// there is room again. The session ends when it is stopped or when the reader goes away (a closed pipe or
/// socket, a full disk); either way the thread closes the descriptor.
final class QueryTraceSession: Sendable {
  /// The most bytes of lines waiting to be written.
  static let queueLimit = 4 << 20

  private struct State {
    var lines: [String] = []
    var queuedBytes = 0
    var dropped = 0
    var written = 0
    var stopping = false
    var ended = false
  }

  /// The regular expression, as the operator wrote it.
  let pattern: String
  private let regex: Mutex<Regex<AnyRegexOutput>>
  private let descriptor: FileDescriptor
  private let wakeReader: FileDescriptor
  private let wakeWriter: FileDescriptor
  /// Sockets are written with `send` (`MSG_NOSIGNAL`), everything else with `write`.
  private let isSocket: Bool
  private let state = Mutex(State())
  private let nextQuery = Atomic<Int>(1)
  /// Called on the writer thread when the session has ended on its own (the reader went away).
  private let onEnd: @Sendable (QueryTraceSession, String) -> Void

  /// Compiles `pattern`, duplicates `descriptor` and starts the writer thread.
  init(
    pattern: String, descriptor: FileDescriptor, onEnd: @escaping @Sendable (QueryTraceSession, String) -> Void
  ) throws(QueryTraceError) {
    do {
      regex = Mutex(try Regex(pattern))
    } catch {
      throw .badPattern("\(error)")
    }
    self.pattern = pattern
    self.onEnd = onEnd
    do {
      _ = try DescriptorWriter(descriptor)
    } catch {
      throw .resources("\(error)")
    }
    let duplicate = fcntl(descriptor.rawValue, F_DUPFD_CLOEXEC, 0)
    guard duplicate >= 0 else { throw .resources("dup: \(Errno(rawValue: errno))") }
    var ends: [CInt] = [0, 0]
    guard pipe(&ends) == 0 else {
      _ = close(duplicate)
      throw .resources("pipe: \(Errno(rawValue: errno))")
    }
    for end in ends {
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      _ = fcntl(end, F_SETFL, O_NONBLOCK)
    }
    self.descriptor = FileDescriptor(rawValue: duplicate)
    var status = stat()
    isSocket = fstat(duplicate, &status) == 0 && status.st_mode & S_IFMT == S_IFSOCK
    wakeReader = FileDescriptor(rawValue: ends[0])
    wakeWriter = FileDescriptor(rawValue: ends[1])
    guard SystemThread.detach({ [self] in writeLoop() }) else {
      for number in [duplicate, ends[0], ends[1]] { _ = close(number) }
      throw .resources("cannot start the trace writer thread")
    }
  }

  /// Whether the query name (lowercased presentation form, with the final dot) is traced.
  func matches(_ name: String) -> Bool {
    regex.withLock { regex in (try? regex.firstMatch(in: name)) != nil }
  }

  /// A number for the next traced query, so that the lines of concurrent queries can be told apart.
  func nextQueryNumber() -> Int { nextQuery.wrappingAdd(1, ordering: .relaxed).oldValue }

  /// Queues one line (without its newline); never blocks.
  func enqueue(_ line: String) {
    let queued = state.withLock { state -> Bool in
      guard !state.stopping else { return false }
      guard state.queuedBytes + line.utf8.count < Self.queueLimit else {
        state.dropped += 1
        return false
      }
      state.lines.append(line)
      state.queuedBytes += line.utf8.count + 1
      return state.lines.count == 1
    }
    if queued { wake() }
  }

  /// Asks the writer thread to finish; it closes the descriptor. Lines still queued are not written.
  /// Returns how many lines were written and dropped.
  func stop() -> (written: Int, dropped: Int) {
    let counts = state.withLock { state in
      state.stopping = true
      return (state.written, state.dropped)
    }
    wake()
    return counts
  }

  private func wake() {
    var byte: UInt8 = 1
    _ = Glibc.write(wakeWriter.rawValue, &byte, 1)
  }

  /// Takes queued lines and writes them until stopped or the reader is gone.
  private func writeLoop() {
    var reason = "stopped"
    defer {
      for descriptor in [descriptor, wakeReader, wakeWriter] { _ = close(descriptor.rawValue) }
      let stopped = state.withLock { state in
        state.ended = true
        return state.stopping
      }
      if !stopped { onEnd(self, reason) }
    }
    while true {
      let (lines, dropped, stopping) = state.withLock { state in
        defer {
          state.lines.removeAll(keepingCapacity: true)
          state.queuedBytes = 0
          state.dropped = 0
        }
        return (state.lines, state.dropped, state.stopping)
      }
      if stopping { return }
      var text = ""
      if dropped > 0 { text += "; \(dropped) trace lines dropped: the reader is slower than the queries\n" }
      for line in lines { text += line + "\n" }
      if !text.isEmpty {
        if let failure = write(Array(text.utf8)) {
          reason = failure
          return
        }
        state.withLock { $0.written += lines.count }
        continue
      }
      // Nothing queued: sleep until woken, noticing a reader that goes away meanwhile.
      if let failure = waitForWork() {
        reason = failure
        return
      }
    }
  }

  /// Sleeps until lines are queued or the session is stopped; a reason when the reader has gone.
  private func waitForWork() -> String? {
    var entries = [
      pollfd(fd: wakeReader.rawValue, events: Int16(POLLIN), revents: 0),
      pollfd(fd: descriptor.rawValue, events: 0, revents: 0),
    ]
    let result = poll(&entries, 2, -1)
    if result < 0 { return errno == EINTR ? nil : "poll: \(Errno(rawValue: errno))" }
    if entries[1].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return "the reader went away" }
    drainWakeups()
    return nil
  }

  private func drainWakeups() {
    var bytes = [UInt8](repeating: 0, count: 64)
    while bytes.withUnsafeMutableBytes({ Glibc.read(wakeReader.rawValue, $0.baseAddress, $0.count) }) > 0 {}
  }

  /// Writes all of `bytes`, waiting for room; a reason when writing failed or the session was stopped.
  private func write(_ bytes: [UInt8]) -> String? {
    var offset = 0
    while offset < bytes.count {
      var entries = [
        pollfd(fd: descriptor.rawValue, events: Int16(POLLOUT), revents: 0),
        pollfd(fd: wakeReader.rawValue, events: Int16(POLLIN), revents: 0),
      ]
      guard poll(&entries, 2, -1) >= 0 else {
        if errno == EINTR { continue }
        return "poll: \(Errno(rawValue: errno))"
      }
      if entries[1].revents != 0 {
        drainWakeups()
        if state.withLock({ $0.stopping }) { return "stopped" }
      }
      guard entries[0].revents != 0 else { continue }
      let count = min(bytes.count - offset, Int(PIPE_BUF))
      let result = bytes.withUnsafeBytes { raw in
        isSocket
          ? Glibc.send(descriptor.rawValue, raw.baseAddress! + offset, count, CInt(MSG_NOSIGNAL | MSG_DONTWAIT))
          : Glibc.write(descriptor.rawValue, raw.baseAddress! + offset, count)
      }
      if result > 0 {
        offset += result
      } else if result < 0 && (errno == EINTR || errno == EAGAIN) {
        continue
      } else {
        return result == 0 ? "writing made no progress" : "writing failed: \(Errno(rawValue: errno))"
      }
    }
    return nil
  }
}

/// Why `trace-queries` could not start.
enum QueryTraceError: Error, Sendable, CustomStringConvertible {
  case badPattern(String)
  case alreadyRunning(String)
  case resources(String)

  var description: String {
    switch self {
    case .badPattern(let reason): "not a regular expression: \(reason)"
    case .alreadyRunning(let pattern):
      "a query trace is already running for '\(pattern)'; stop it first with trace-queries --stop"
    case .resources(let reason): "cannot start the trace: \(reason)"
    }
  }
}
