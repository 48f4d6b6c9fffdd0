import Glibc
public import SystemPackage

/// Writes a command's output to the descriptor a client handed over, on the calling (session) thread:
/// buffered, with back-pressure from a slow reader, counting bytes and records, and reporting exactly how
/// far it got when the reader goes away or the disk fills up.
///
/// Waiting is always with `poll` on the descriptor and the control connection together, so a reader that
/// stops reading never holds the thread after the client has gone; only as much as cannot block is
/// written after each wait (`PIPE_BUF` to a pipe). `EINTR` is retried, `EAGAIN` (a non-blocking pipe)
/// waits, `SIGPIPE` is held off so a closed pipe shows as `EPIPE`. Progress goes to the client through
/// the reporter after each chunk (the reporter sends at most one frame per interval).
///
/// Hold no lock while calling it: it waits for a process the daemon does not control. Take a snapshot of
/// what to write, release the lock, then write.
public struct DescriptorWriter: Sendable {
  public let descriptor: FileDescriptor
  /// Bytes the kernel accepted.
  public private(set) var bytesWritten = 0
  /// Records whose last byte the kernel accepted.
  public private(set) var recordsWritten = 0

  private let kind: DescriptorKind
  private let progress: ControlProgressReporter?
  private let bufferSize: Int
  private var buffer: [UInt8] = []
  /// Buffer offsets at which records end, with how many end there, in order.
  private var recordEnds: [(offset: Int, count: Int)] = []

  /// Checks that `descriptor` is open for writing.
  ///
  /// - Parameters:
  ///   - progress: the session's reporter: progress frames, and the connection to watch while waiting.
  ///   - bufferSize: bytes collected before a write.
  public init(_ descriptor: FileDescriptor, progress: ControlProgressReporter? = nil, bufferSize: Int = 64 << 10)
    throws(DescriptorWriteError)
  {
    do {
      let mode = try DescriptorAccessMode(of: descriptor)
      guard mode.allowsWriting else { throw DescriptorWriteError.notWritable("the descriptor is \(mode)") }
      kind = try DescriptorKind(of: descriptor)
    } catch let error as DescriptorWriteError {
      throw error
    } catch {
      throw .notWritable("the descriptor is not usable (\(error))")
    }
    self.descriptor = descriptor
    self.progress = progress
    self.bufferSize = max(bufferSize, 1)
  }

  /// `bytes` and `records` written, as response or progress fields.
  public var progressFields: [String: ControlValue] {
    ["bytes": .count(bytesWritten), "records": .count(recordsWritten)]
  }

  /// Writes one record (e.g. one line of a dump).
  public mutating func write(record text: some StringProtocol) throws(DescriptorWriteError) {
    try write(Array(text.utf8), records: 1)
  }

  /// Writes `bytes`; `records` records end with the last of them.
  public mutating func write(_ bytes: some Sequence<UInt8>, records: Int = 0) throws(DescriptorWriteError) {
    buffer.append(contentsOf: bytes)
    if records > 0 { recordEnds.append((buffer.count, records)) }
    if buffer.count >= bufferSize { try flush() }
  }

  /// Writes out everything buffered.
  public mutating func flush() throws(DescriptorWriteError) {
    var offset = 0
    var nextRecord = 0
    defer {
      buffer.removeFirst(offset)
      recordEnds = recordEnds.dropFirst(nextRecord).map { (offset: $0.offset - offset, count: $0.count) }
    }
    while offset < buffer.count {
      if kind.mayWait { try waitUntilWritable() }
      let (written, error) = writeOnce(from: offset, count: min(buffer.count - offset, kind.writeChunk))
      if written > 0 {
        offset += written
        bytesWritten += written
        while nextRecord < recordEnds.count && recordEnds[nextRecord].offset <= offset {
          recordsWritten += recordEnds[nextRecord].count
          nextRecord += 1
        }
        do {
          try progress?.report(ControlProgress(message: "writing", fields: progressFields))
        } catch {
          throw .clientDisconnected(bytesWritten: bytesWritten, recordsWritten: recordsWritten)
        }
        continue
      }
      switch error {
      case EINTR: continue
      case EAGAIN: try waitUntilWritable()
      default:
        let failure = written == 0 ? Errno.ioError : Errno(rawValue: error)
        throw .failed(failure, bytesWritten: bytesWritten, recordsWritten: recordsWritten)
      }
    }
  }

  /// Flushes and, for a regular file, syncs its data (`fdatasync`): some filesystems report a full disk
  /// or an I/O error only then, and such a dump must not be reported as written.
  public mutating func finish() throws(DescriptorWriteError) {
    try flush()
    guard kind == .file(regular: true) else { return }
    while fdatasync(descriptor.rawValue) != 0 {
      let error = Errno(rawValue: errno)
      if error == .interrupted { continue }
      if error == .invalidArgument { return }  // a file that cannot be synced (e.g. on a special filesystem)
      throw .failed(error, bytesWritten: bytesWritten, recordsWritten: recordsWritten)
    }
  }

  /// One `write` (or `send`) of `count` buffered bytes from `offset`: its result and `errno`.
  private func writeOnce(from offset: Int, count: Int) -> (Int, CInt) {
    buffer.withUnsafeBytes { bytes in
      let start = bytes.baseAddress! + offset
      switch kind {
      case .socket:
        let result = Glibc.send(descriptor.rawValue, start, count, CInt(MSG_NOSIGNAL | MSG_DONTWAIT))
        return (result, result < 0 ? errno : 0)
      case .pipe:
        return BrokenPipeSignal.suppressed {
          let result = Glibc.write(descriptor.rawValue, start, count)
          return (result, result < 0 ? errno : 0)
        }
      case .file, .device:
        let result = Glibc.write(descriptor.rawValue, start, count)
        return (result, result < 0 ? errno : 0)
      }
    }
  }

  private func waitUntilWritable() throws(DescriptorWriteError) {
    do {
      try DescriptorWait.until(descriptor, is: Int16(POLLOUT), watching: progress)
    } catch {
      switch error {
      case .clientDisconnected: throw .clientDisconnected(bytesWritten: bytesWritten, recordsWritten: recordsWritten)
      case .cancelled: throw .cancelled(bytesWritten: bytesWritten, recordsWritten: recordsWritten)
      case .system(let error): throw .failed(error, bytesWritten: bytesWritten, recordsWritten: recordsWritten)
      }
    }
  }
}
