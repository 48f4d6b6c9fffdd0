import PetrelDNS
import Synchronization

/// Asks question after question, each once and with its own ID, until told to stop or a bound is reached,
/// and counts who answered: the load that must not notice a takeover.
final class QueryLoop: Sendable {
  struct Result: Sendable {
    var sent = 0
    var unanswered = 0
    var answeredBy: [IPv4Address: Int] = [:]
  }

  let probe: DNSProbe
  let transport: DNSProbe.Transport
  private let name: @Sendable (Int) -> String
  private let state = Mutex(Result())
  private let stopped = Atomic<Bool>(false)

  /// - Parameter name: the question of the i-th query (by default a new name each time).
  init(
    probe: DNSProbe, transport: DNSProbe.Transport = .udp,
    name: @escaping @Sendable (Int) -> String = { "q\($0).loop.test." }
  ) {
    self.probe = probe
    self.transport = transport
    self.name = name
  }

  /// Runs on the calling thread until ``stop()`` or `maximum` queries.
  func run(maximum: Int) -> Result {
    var index = 0
    while !stopped.load(ordering: .acquiring) && index < maximum {
      let answer = try? probe.address(of: name(index), over: transport)
      state.withLock { result in
        result.sent += 1
        if let answer { result.answeredBy[answer, default: 0] += 1 } else { result.unanswered += 1 }
      }
      index += 1
    }
    return state.withLock { $0 }
  }

  func stop() { stopped.store(true, ordering: .releasing) }

  /// What has been counted so far.
  var current: Result { state.withLock { $0 } }

  /// Waits until `address` has answered at least `count` queries (or the loop ended).
  func waitForAnswers(from address: IPv4Address, count: Int) async throws {
    _ = try await eventually {
      self.state.withLock { $0.answeredBy[address, default: 0] >= count }
    }
  }
}
