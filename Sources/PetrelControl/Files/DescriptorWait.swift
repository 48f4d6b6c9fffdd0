import Glibc
import SystemPackage

/// Waiting for a client's descriptor to become ready while keeping an eye on the control connection: the
/// daemon stops waiting for a reader (or writer) as soon as the client that asked has gone, or when the
/// task is cancelled because the daemon is stopping.
enum DescriptorWait {
  enum Failure: Error {
    case clientDisconnected
    case cancelled
    case system(Errno)
  }

  /// How often a wait wakes up to look at task cancellation.
  static let checkInterval = Duration.milliseconds(500)

  /// Returns when `descriptor` reports `events` (or an error condition, which the next I/O call reports).
  static func until(
    _ descriptor: FileDescriptor,
    is events: Int16,
    watching progress: ControlProgressReporter?
  ) throws(Failure) {
    var requests = [(descriptor: descriptor, events: events)]
    if let progress { requests.append((progress.connection.socket, Poll.readHangUp)) }
    while true {
      if progress?.connectionLost == true { throw .clientDisconnected }
      if Task.isCancelled { throw .cancelled }
      let ready: [Int16]?
      do {
        ready = try Poll.wait(requests, until: Deadline(after: checkInterval))
      } catch {
        throw .system(error)
      }
      guard let ready else { continue }
      if ready.count > 1 && ready[1] != 0 {
        progress?.markLost()
        throw .clientDisconnected
      }
      if ready[0] != 0 { return }
    }
  }
}
