public import PetrelDNS
public import PetrelResolver
import Synchronization

/// The fake authoritative servers of a scenario, as an `UpstreamTransport` for the real resolver.
///
/// A query is answered the way Deckard answers it: a destination address that no range names counts as any
/// address; the first range that covers the current step and the address (a range without `ADDRESS` lines
/// covers every address) answers with its first matching entry; when no range covers them, the first unused
/// `STEP … REPLY` entry at or after the current step that matches answers, once. A query nothing answers gets
/// SERVFAIL, as from Deckard, and is recorded as unexpected: the scenario did not foresee it, which fails it.
/// Replies pass the same screen as on Petrel's real transport (ID, QR, decoding).
public final class ReplayNetwork: UpstreamTransport {
  /// One query the resolver sent, and what answered it.
  public struct Exchange: Sendable, CustomStringConvertible {
    /// The step the scenario was at.
    public var step: Int
    public var server: UpstreamServer
    public var transport: UpstreamQuery.Transport
    public var question: Question?
    /// Which entry answered (`range line 12, entry line 20`); nil when none did.
    public var answeredBy: String?
    /// Why the answering entry could not be sent, when it could not.
    public var problem: String?

    public var description: String {
      let asked = question.map { "\($0.name) \($0.type)" } ?? "(no question)"
      let outcome = problem ?? answeredBy ?? "no entry matches (answered SERVFAIL)"
      return "step \(step): \(server.address) \(transport.rawValue) \(asked) → \(outcome)"
    }

    /// The scenario did not foresee this query, or could not answer it as written.
    public var isUnexpected: Bool { answeredBy == nil || problem != nil }
  }

  private struct State {
    var step = 0
    var exchanges: [Exchange] = []
    /// Indices into `oneShots` already used.
    var usedOneShots: Set<Int> = []
  }

  private let ranges: [ScenarioRange]
  private let oneShots: [(step: Int, entry: ScenarioEntry)]
  private let namedAddresses: Set<IPAddress>
  private let state = Mutex(State())

  public init(scenario: Scenario) {
    ranges = scenario.ranges
    oneShots = scenario.steps.compactMap { step in
      if case .reply(let entry) = step.action { return (step.id, entry) }
      return nil
    }
    namedAddresses = Set(scenario.ranges.flatMap(\.addresses))
  }

  /// The scenario moves to step `id`: ranges and one-shot replies are chosen by it from now on.
  public func move(toStep id: Int) {
    state.withLock { $0.step = id }
  }

  /// Every query sent so far, oldest first.
  public var exchanges: [Exchange] { state.withLock { $0.exchanges } }

  /// The queries no entry answered, or answered with something that could not be sent.
  public var unexpected: [Exchange] { exchanges.filter(\.isUnexpected) }

  public func send(_ query: UpstreamQuery) async throws(UpstreamError) -> UpstreamReply {
    let reply = state.withLock { state in
      let (entry, source) = choose(for: query, state: &state)
      let reply = entry?.reply(to: query.message) ?? Self.servFail(to: query.message)
      var problem: String? = nil
      if case .unencodable(let reason) = reply { problem = reason }
      state.exchanges.append(
        Exchange(
          step: state.step, server: query.server, transport: query.transport, question: query.message.question,
          answeredBy: source, problem: problem))
      return reply
    }
    switch reply {
    case .silence, .unencodable:
      throw .timeout
    case .octets(let bytes):
      return try ReplayResponseScreen.screen(bytes, queryID: query.message.id).get()
    }
  }

  /// The entry that answers `query` and a description of where it is; nil when nothing does.
  private func choose(for query: UpstreamQuery, state: inout State) -> (ScenarioEntry?, String?) {
    let address = namedAddresses.contains(query.server.address) ? query.server.address : nil
    let overTCP = query.transport == .tcp
    let step = state.step
    if let range = ranges.first(where: { range in
      range.covers(step: step) && (address == nil || range.addresses.isEmpty || range.addresses.contains(address!))
    }) {
      guard let entry = range.entries.first(where: { $0.matches(query.message, overTCP: overTCP) }) else {
        return (nil, nil)
      }
      return (entry, "range line \(range.line), entry line \(entry.line)")
    }
    for (index, oneShot) in oneShots.enumerated()
    where oneShot.step >= step && !state.usedOneShots.contains(index)
      && oneShot.entry.matches(query.message, overTCP: overTCP)
    {
      state.usedOneShots.insert(index)
      return (oneShot.entry, "STEP \(oneShot.step) REPLY, entry line \(oneShot.entry.line)")
    }
    return (nil, nil)
  }

  /// Deckard's answer to a query it has no entry for: the query echoed with QR and SERVFAIL.
  static func servFail(to query: Message) -> ScriptedReply {
    var flags: MessageFlags = [.qr]
    if query.flags.contains(.rd) { flags.insert(.rd) }
    let reply = Message(
      id: query.id, flags: flags, opcode: query.opcode, rcode: .servFail, questions: query.questions,
      edns: query.edns.map { EDNS(udpPayloadSize: 1232, dnssecOK: $0.dnssecOK) })
    do {
      return .octets(try reply.encode(maxSize: 65_535))
    } catch {
      return .unencodable("\(error)")
    }
  }
}
