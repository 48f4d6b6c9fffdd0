import CPetrelSystem
import Glibc
public import SystemPackage

/// A descriptor that refers to one process (a pidfd), so that signals and descriptor copies reach that
/// process and never another that was later given the same PID. Takeover uses it to take the listening
/// sockets of the running daemon with `pidfd_getfd`.
///
/// The value owns its descriptor: call ``close()`` when done. It does not reap the process; a parent
/// still has to `waitpid` its children.
public struct ProcessDescriptor: Hashable, Sendable {
  /// Flags for ``open(pid:options:)``.
  public struct OpenOptions: OptionSet, Hashable, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `PIDFD_NONBLOCK`: `waitid(P_PIDFD)` on it does not block (Linux 5.10).
    public static let nonBlocking = OpenOptions(rawValue: UInt32(O_NONBLOCK))
  }

  /// A Linux signal number, typed so that it cannot be mixed up with a descriptor or a PID.
  public struct Signal: RawRepresentable, Hashable, Sendable {
    public let rawValue: CInt
    public init(rawValue: CInt) { self.rawValue = rawValue }

    /// Signal 0: nothing is delivered, only whether the process still exists and may be signalled.
    public static let probe = Signal(rawValue: 0)
    public static let hangup = Signal(rawValue: SIGHUP)
    public static let interrupt = Signal(rawValue: SIGINT)
    public static let kill = Signal(rawValue: SIGKILL)
    public static let terminate = Signal(rawValue: SIGTERM)
    public static let user1 = Signal(rawValue: SIGUSR1)
    public static let user2 = Signal(rawValue: SIGUSR2)
  }

  /// The pidfd itself (close-on-exec, as every pidfd is).
  public let descriptor: FileDescriptor

  /// Wraps an existing pidfd, e.g. one received from another process or from `clone3`.
  public init(descriptor: FileDescriptor) {
    self.descriptor = descriptor
  }

  /// Opens a descriptor for the process `pid` (`pidfd_open(2)`).
  public static func open(pid: Int32, options: OpenOptions = []) throws(ProcessDescriptorError) -> ProcessDescriptor {
    let raw = try call { petrel_pidfd_open(pid, options.rawValue) }
    return ProcessDescriptor(descriptor: FileDescriptor(rawValue: raw))
  }

  /// A copy, in this process, of the target's descriptor `targetFD` (`pidfd_getfd(2)`): same open file,
  /// same offset and status flags, close-on-exec set.
  ///
  /// Needs ptrace access to the target: same credentials and a dumpable target, or `CAP_SYS_PTRACE`.
  public func getDescriptor(_ targetFD: Int32) throws(ProcessDescriptorError) -> FileDescriptor {
    FileDescriptor(rawValue: try Self.call { petrel_pidfd_getfd(descriptor.rawValue, targetFD, 0) })
  }

  /// Sends `signal` to the process (`pidfd_send_signal(2)`); ``ProcessDescriptorError/processGone`` once
  /// it has exited, even if its PID was reused.
  public func sendSignal(_ signal: Signal) throws(ProcessDescriptorError) {
    _ = try Self.call { petrel_pidfd_send_signal(descriptor.rawValue, signal.rawValue, 0) }
  }

  /// Waits until the process has exited (the pidfd becomes readable), or until `timeout` passes.
  /// `nil` waits without limit. Returns whether the process exited; it is not reaped.
  public func waitForExit(timeout: Duration? = nil) throws(ProcessDescriptorError) -> Bool {
    let clock = ContinuousClock()
    let deadline = timeout.map { clock.now.advanced(by: $0) }
    while true {
      var milliseconds: CInt = -1
      if let deadline {
        let remaining = clock.now.duration(to: deadline)
        milliseconds = remaining <= .zero ? 0 : Self.roundedUpMilliseconds(remaining)
      }
      var request = pollfd(fd: descriptor.rawValue, events: Int16(POLLIN), revents: 0)
      let ready = Glibc.poll(&request, 1, milliseconds)
      if ready > 0 {
        if request.revents & Int16(POLLNVAL) != 0 { throw .badDescriptor }
        return true
      }
      if ready == 0 {
        if milliseconds == 0 { return false }
        continue  // poll may wake a little early; the loop re-checks the deadline
      }
      let error = Errno(rawValue: errno)
      if error != .interrupted { throw ProcessDescriptorError(error) }
    }
  }

  /// Closes the pidfd. The process is not affected.
  public func close() throws(Errno) {
    do {
      try descriptor.close()
    } catch let error as Errno {
      throw error
    } catch {
      throw .ioError
    }
  }

  private static func roundedUpMilliseconds(_ duration: Duration) -> CInt {
    let (seconds, attoseconds) = duration.components
    let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return CInt(clamping: milliseconds)
  }

  private static func call(_ body: () -> CInt) throws(ProcessDescriptorError) -> CInt {
    do {
      return try DescriptorSystemCall.run(body)
    } catch {
      throw ProcessDescriptorError(error)
    }
  }
}
