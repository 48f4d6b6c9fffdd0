import PetrelDNS

/// How one exchange with one server ended.
enum ExchangeOutcome {
  /// A response that answers the query sent (ID and question checked), after any EDNS and TCP retries.
  case reply(Message)
  case timedOut
  /// The transport failed (`network` true) or the reply was not the answer to the query.
  case failed(reason: String, network: Bool)
  /// No query may be sent any more.
  case budgetExhausted(ResolutionFailure)
}

/// Sends one question to one server and brings back a response the iterator can read.
///
/// It owns the wire-level rules: a fresh random ID per query; EDNS(0) with the configured buffer size and the
/// DO bit clear, dropped (and remembered in the nameserver cache) when the server answers FORMERR without OPT;
/// a retry over TCP when the UDP response is truncated; the acceptance check; and the nameserver cache's
/// statistics (response times, timeouts, failures of the transport or of the acceptance check).
struct UpstreamExchange {
  let environment: ResolverEnvironment

  func ask(
    _ question: Question, server: UpstreamServer, recursionDesired: Bool, context: ResolutionContext
  ) async -> ExchangeOutcome {
    let configuration = environment.configuration
    let nameservers = environment.caches.nameservers
    let knownSupport = nameservers.statistics(for: server)?.ednsSupport ?? .unknown
    var useEDNS = knownSupport != .notSupported
    var transport = UpstreamQuery.Transport.udp
    while true {
      let now = environment.clock.now()
      if let failure = context.budget.spendQuery(now: now) { return .budgetExhausted(failure) }
      let timeout = min(configuration.upstreamTimeout, context.budget.remainingTime(now: now) ?? .zero)
      var query = Message.query(
        id: environment.queryIDs.nextQueryID(), name: question.name, type: question.type,
        recursionDesired: recursionDesired,
        edns: useEDNS ? EDNS(udpPayloadSize: configuration.ednsBufferSize, dnssecOK: false) : nil)
      query.questions = [question]
      context.trace(.querySent(server: server, question: question, transport: transport))
      let reply: UpstreamReply
      do {
        reply = try await environment.transport.send(
          UpstreamQuery(message: query, server: server, transport: transport, timeout: timeout))
      } catch {
        if error == .timeout {
          nameservers.recordTimeout(for: server)
          context.trace(.timeout(server: server))
          return .timedOut
        }
        nameservers.recordFailure(for: server, reason: error.description)
        context.trace(.responseRejected(server: server, reason: error.description))
        return .failed(reason: error.description, network: true)
      }
      let response = reply.message
      if let reason = ResponseAcceptance.rejection(of: response, for: query) {
        nameservers.recordFailure(for: server, reason: reason)
        context.trace(.responseRejected(server: server, reason: reason))
        return .failed(reason: reason, network: false)
      }
      nameservers.recordResponse(from: server, roundTrip: reply.roundTrip)
      context.trace(
        .responseReceived(
          server: server, rcode: response.rcode, flags: response.flags, answers: response.answers,
          authorities: response.authorities, additionals: response.additionals, roundTrip: reply.roundTrip))
      if useEDNS && response.rcode == .formErr && response.edns == nil {
        nameservers.setEDNS(.notSupported, for: server)
        useEDNS = false
        context.trace(.decision("\(server) answered FORMERR to EDNS: retrying without EDNS"))
        continue
      }
      if useEDNS && response.edns != nil && knownSupport != .supported { nameservers.setEDNS(.supported, for: server) }
      if response.flags.contains(.tc) && transport == .udp {
        transport = .tcp
        context.trace(.decision("\(server) truncated the response: retrying over TCP"))
        continue
      }
      return .reply(response)
    }
  }
}
