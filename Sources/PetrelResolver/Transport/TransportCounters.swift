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
  private let queriesUDP = Atomic<Int>(0)
  private let queriesTCP = Atomic<Int>(0)
  private let answered = Atomic<Int>(0)
  private let timeouts = Atomic<Int>(0)
  private let refused = Atomic<Int>(0)
  private let unreachable = Atomic<Int>(0)
  private let malformed = Atomic<Int>(0)
  private let connectionClosed = Atomic<Int>(0)
  private let otherFailures = Atomic<Int>(0)

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

  /// Counts a query about to be sent.
  func sent(over transport: UpstreamQuery.Transport) {
    switch transport {
    case .udp: queriesUDP.add(1, ordering: .relaxed)
    case .tcp: queriesTCP.add(1, ordering: .relaxed)
    }
  }

  /// Counts how a sent query ended.
  func ended(_ error: UpstreamError?) {
    switch error {
    case nil: answered.add(1, ordering: .relaxed)
    case .timeout: timeouts.add(1, ordering: .relaxed)
    case .refused: refused.add(1, ordering: .relaxed)
    case .unreachable: unreachable.add(1, ordering: .relaxed)
    case .malformed: malformed.add(1, ordering: .relaxed)
    case .connectionClosed: connectionClosed.add(1, ordering: .relaxed)
    case .failed: otherFailures.add(1, ordering: .relaxed)
    }
  }

  var outcomes: UpstreamOutcomes {
    UpstreamOutcomes(
      queriesUDP: queriesUDP.load(ordering: .relaxed), queriesTCP: queriesTCP.load(ordering: .relaxed),
      answered: answered.load(ordering: .relaxed), timeouts: timeouts.load(ordering: .relaxed),
      refused: refused.load(ordering: .relaxed), unreachable: unreachable.load(ordering: .relaxed),
      malformed: malformed.load(ordering: .relaxed), connectionClosed: connectionClosed.load(ordering: .relaxed),
      otherFailures: otherFailures.load(ordering: .relaxed))
  }

  func socketOpened() { sockets.add(1, ordering: .relaxed) }

  func socketClosed() { sockets.subtract(1, ordering: .relaxed) }

  var openSockets: Int { sockets.load(ordering: .relaxed) }
}
