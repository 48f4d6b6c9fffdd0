import Synchronization

/// The transport's metrics, shared by every query in flight on every event loop.
///
/// Atomics rather than a lock: the counters are bumped on the event loops' hot path and read rarely, by metrics.
final class TransportCounters: Sendable {
  private let wrongSource = Atomic<Int>(0)
  private let wrongID = Atomic<Int>(0)
  private let notResponse = Atomic<Int>(0)
  private let undecodable = Atomic<Int>(0)
  private let sockets = Atomic<Int>(0)

  init() {}

  func record(_ reason: RejectionReason) {
    switch reason {
    case .wrongSource: wrongSource.add(1, ordering: .relaxed)
    case .wrongID: wrongID.add(1, ordering: .relaxed)
    case .notResponse: notResponse.add(1, ordering: .relaxed)
    case .undecodable: undecodable.add(1, ordering: .relaxed)
    }
  }

  var rejections: UpstreamRejections {
    UpstreamRejections(
      wrongSource: wrongSource.load(ordering: .relaxed), wrongID: wrongID.load(ordering: .relaxed),
      notResponse: notResponse.load(ordering: .relaxed), undecodable: undecodable.load(ordering: .relaxed))
  }

  func socketOpened() { sockets.add(1, ordering: .relaxed) }

  func socketClosed() { sockets.subtract(1, ordering: .relaxed) }

  var openSockets: Int { sockets.load(ordering: .relaxed) }
}
