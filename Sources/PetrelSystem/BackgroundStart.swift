import Glibc
import Synchronization
public import SystemPackage

/// Starting in the background and reporting back: the process forks; the parent waits until the child says
/// how its start went, prints the reason of a failure, and exits with the outcome, while the child runs on.
///
/// It exists for `ExecReload=petreld --takeover --background`: systemd waits for the reload command to exit
/// and learns from its status whether the upgrade worked, while the new daemon that command started keeps
/// running inside the service. Call ``detach()`` first thing, while the process has a single thread.
public enum BackgroundStart {
  /// The child's end: the first report counts, later ones do nothing (the parent is gone).
  public final class Report: Sendable {
    private let descriptor: FileDescriptor
    private let sent = Atomic<Bool>(false)

    init(descriptor: FileDescriptor) {
      self.descriptor = descriptor
    }

    /// Tells the parent that the start succeeded (it exits 0).
    public func succeeded() { send("ok\n") }

    /// Tells the parent that the start failed (it prints `reason` and exits 1).
    public func failed(_ reason: String) { send("failed: \(reason)\n") }

    private func send(_ text: String) {
      guard !sent.exchange(true, ordering: .acquiringAndReleasing) else { return }
      _ = try? descriptor.writeAll(Array(text.utf8))
      _ = try? descriptor.close()
    }
  }

  /// Forks. In the parent, never returns: exits 0 when the child reports success, 1 when it reports failure
  /// or ends without a report. In the child, returns the reporter.
  public static func detach() throws(Errno) -> Report {
    var ends: [CInt] = [-1, -1]
    // Single-threaded here, so the descriptors cannot leak into another thread's exec before FD_CLOEXEC.
    guard pipe(&ends) == 0 else { throw .ofLastCall }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    let pid = fork()
    guard pid >= 0 else {
      let error = Errno.ofLastCall
      _ = close(ends[0])
      _ = close(ends[1])
      throw error
    }
    if pid == 0 {
      _ = close(ends[0])
      return Report(descriptor: FileDescriptor(rawValue: ends[1]))
    }
    _ = close(ends[1])
    let text = readAll(ends[0])
    if text.hasPrefix("ok") { exit(0) }
    let reason = text.hasPrefix("failed: ") ? String(text.dropFirst(8)) : "the daemon ended before it was ready\n"
    let line = Array("petreld: \(reason)".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
  }

  private static func readAll(_ descriptor: CInt) -> String {
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 512)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count > 0 {
        bytes += buffer[..<count]
      } else if count == 0 || errno != EINTR {
        break
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
