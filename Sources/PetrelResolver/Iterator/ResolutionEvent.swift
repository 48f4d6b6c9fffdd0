public import PetrelDNS

/// One step of a resolution, as a `ResolutionTracer` sees it.
///
/// It exists so that a trace tells the whole story of a resolution (what was asked where, what came back, what
/// was rejected and why, what the iterator decided) in one readable line per step.
public enum ResolutionEvent: Sendable, CustomStringConvertible {
  /// A query went to `server`.
  case querySent(server: UpstreamServer, question: Question, transport: UpstreamQuery.Transport)
  /// A response that matched the query came back.
  case responseReceived(
    server: UpstreamServer, rcode: RCode, flags: MessageFlags, answers: [ResourceRecord],
    authorities: [ResourceRecord], additionals: [ResourceRecord], roundTrip: Duration)
  /// A response, or a server, was not used, and why.
  case responseRejected(server: UpstreamServer, reason: String)
  /// No response came from `server` in time.
  case timeout(server: UpstreamServer)
  /// Data came from the cache instead of the network.
  case cacheHit(String)
  /// The iterator chose what to do next.
  case decision(String)
  /// The resolution ended with this rcode.
  case finished(rcode: RCode)

  public var description: String {
    switch self {
    case .querySent(let server, let question, let transport):
      return "query \(server) \(transport.rawValue) \(question.name) \(question.type)"
    case .responseReceived(
      let server, let rcode, let flags, let answers, let authorities, let additionals, let roundTrip):
      let milliseconds = roundTrip.components.seconds * 1000 + roundTrip.components.attoseconds / 1_000_000_000_000_000
      return
        "response \(server) \(rcode) [\(flags)] \(answers.count) answer, \(authorities.count) authority, "
        + "\(additionals.count) additional in \(milliseconds) ms"
    case .responseRejected(let server, let reason):
      return "rejected \(server): \(reason)"
    case .timeout(let server):
      return "timeout \(server)"
    case .cacheHit(let what):
      return "cache \(what)"
    case .decision(let what):
      return "decide \(what)"
    case .finished(let rcode):
      return "finished \(rcode)"
    }
  }
}
