import Glibc
import SystemPackage

/// A point in time on the monotonic clock by which an I/O step must complete, turned into the
/// millisecond timeouts `poll(2)` wants. Every wait in the control channel is bounded by one.
struct Deadline: Sendable {
  let instant: ContinuousClock.Instant

  init(after duration: Duration) { instant = .now + duration }

  /// No deadline at all (used only where the other side is known to make progress, e.g. a file).
  static let never = Deadline(instant: .now + .seconds(60 * 60 * 24 * 365 * 100))

  private init(instant: ContinuousClock.Instant) { self.instant = instant }

  var hasPassed: Bool { ContinuousClock.now >= instant }

  /// Milliseconds left, rounded up, clamped to what `poll` takes.
  var pollTimeout: CInt {
    let left = instant - .now
    guard left > .zero else { return 0 }
    let (seconds, attoseconds) = left.components
    let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
    return CInt(clamping: milliseconds)
  }
}

/// `poll(2)` on some descriptors until one is ready or `deadline` passes, retrying `EINTR`.
enum Poll {
  /// `POLLRDHUP`: the peer closed its end or shut down writing. Glibc only defines it with
  /// `_GNU_SOURCE`, which Swift's view of the headers lacks.
  static let readHangUp: Int16 = 0x2000

  /// Waits for `events` on each descriptor; returns the `revents` in the same order, or `nil` when the
  /// deadline passed first.
  static func wait(
    _ requests: [(descriptor: FileDescriptor, events: Int16)],
    until deadline: Deadline
  ) throws(Errno) -> [Int16]? {
    var entries = requests.map { pollfd(fd: $0.descriptor.rawValue, events: $0.events, revents: 0) }
    while true {
      let ready = Glibc.poll(&entries, nfds_t(entries.count), deadline.pollTimeout)
      if ready > 0 { return entries.map(\.revents) }
      if ready == 0 {
        if deadline.hasPassed { return nil }
        continue
      }
      let error = Errno(rawValue: errno)
      if error != .interrupted { throw error }
    }
  }
}
