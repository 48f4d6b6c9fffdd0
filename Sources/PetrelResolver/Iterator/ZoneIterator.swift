import PetrelDNS

/// The per-question state machine of iterative resolution (Unbound's iterator module in miniature).
///
/// State: the delegation being asked, the nameserver selector for it, the QNAME minimiser, and what went wrong
/// with its servers so far. Each turn picks a server, sends the next (perhaps minimised) question, scrubs and
/// classifies the response, caches what it may, and moves: down a referral, one label further, to the next
/// server, or out with an answer, an alias to follow elsewhere, a denial or a failure. Every turn spends from
/// the shared budget, so the machine always stops.
struct ZoneIterator {
  let engine: IterationEngine
  let question: Question
  let depth: Int
  private var delegation: Delegation
  private var selector: NameserverSelector
  private var minimiser: QnameMinimiser
  /// Why servers of the current delegation failed, for the SERVFAIL's extra text.
  private var failures: [String] = []
  private var onlyNetworkFailures = true

  init(engine: IterationEngine, question: Question, depth: Int, delegation: Delegation) {
    self.engine = engine
    self.question = question
    self.depth = depth
    self.delegation = delegation
    selector = NameserverSelector(delegation: delegation, depth: depth)
    let configuration = engine.environment.configuration
    minimiser = QnameMinimiser(
      target: question, enabled: configuration.qnameMinimisation && !delegation.isForwarding, zone: delegation.zone)
  }

  mutating func run(context: ResolutionContext) async -> IterationOutcome {
    var retry: UpstreamServer?
    while true {
      let server: UpstreamServer
      if let again = retry {
        server = again
        retry = nil
      } else {
        switch await selector.next(engine: engine, context: context) {
        case .server(let next): server = next
        case .exhausted(let reason): return .failure(failures.isEmpty ? reason : failureAfterAttempts())
        }
      }
      let (sent, minimised) = minimiser.nextQuestion
      let zone = delegation.zone
      switch await engine.exchange.ask(
        sent, server: server, recursionDesired: delegation.isForwarding, context: context)
      {
      case .budgetExhausted(let failure):
        return .failure(failure)
      case .timedOut:
        serverFailed(server, reason: "\(server) timed out", network: false, context: context)
        stopMinimising(minimised, because: "a timeout", context: context)
      case .failed(let reason, let network):
        serverFailed(server, reason: "\(server): \(reason)", network: network, context: context)
        stopMinimising(minimised, because: "a failure", context: context)
      case .reply(let message):
        let scrubbed = ResponseScrubber(zone: zone, hardenGlue: engine.environment.configuration.hardenGlue)
          .scrub(message, question: sent)
        if scrubbed.droppedCount > 0 {
          context.trace(.decision("dropped \(scrubbed.droppedCount) records outside the bailiwick of \(zone)"))
        }
        let classification = ResponseClassifier(
          zone: zone, forwarding: delegation.isForwarding,
          maximumChainLength: engine.environment.configuration.budgets.chainLength
        ).classify(scrubbed, question: sent)
        if let outcome = advance(
          classification, of: scrubbed, sent: sent, minimised: minimised, server: server, retry: &retry,
          context: context)
        {
          return outcome
        }
      }
    }
  }

  /// Moves the machine on after a classified response, caching what it may; the outcome when the iteration is
  /// over.
  private mutating func advance(
    _ classification: ResponseClassification, of response: ScrubbedResponse, sent: Question, minimised: Bool,
    server: UpstreamServer, retry: inout UpstreamServer?, context: ResolutionContext
  ) -> IterationOutcome? {
    func cache() {
      engine.cachePolicy.store(
        classification, from: response, question: sent, server: server, forwarding: delegation.isForwarding)
    }
    switch classification {
    case .failed(let rcode):
      if minimised {
        stopMinimising(true, because: "\(rcode)", context: context)
        retry = server
      } else {
        rejected(server, reason: "\(rcode)", context: context)
      }
    case .lame(let reason):
      if minimised {
        stopMinimising(true, because: "a lame response (\(reason))", context: context)
        retry = server
      } else {
        rejected(server, reason: "lame: \(reason)", context: context)
      }
    case .referral(let referral):
      cache()
      if let failure = context.budget.spendReferral() { return .failure(failure) }
      follow(referral, context: context)
    case .answer(let chain), .alias(let chain):
      cache()
      if !minimised {
        if case .answer = classification { return .answer(chain) }
        return .alias(chain)
      }
      if chain.links.isEmpty {
        minimiser.advance()
      } else {
        stopMinimising(true, because: "an alias at \(sent.name)", context: context)
        retry = server
      }
    case .nameTooLong(let chain):
      cache()
      guard minimised else { return .nameTooLong(chain) }
      stopMinimising(true, because: "a DNAME that makes the name too long", context: context)
      retry = server
    case .negative(let negative):
      guard minimised else {
        cache()
        return .negative(negative)
      }
      if negative.kind == .noData && negative.chain.links.isEmpty {
        cache()
        minimiser.advance()
      } else if negative.kind == .nxDomain && negative.chain.links.isEmpty && negative.soa != nil
        && response.flags.contains(.aa)
      {
        // RFC 8020: an authoritative NXDOMAIN with the zone's SOA denies everything below the name.
        cache()
        context.trace(.decision("\(sent.name) does not exist, so neither does \(question.name) (RFC 8020)"))
        return .negative(NegativeAnswer(kind: .nxDomain, chain: AnswerChain(end: question.name), soa: negative.soa))
      } else {
        // Not cached: a server that denies an empty non-terminal would otherwise deny its whole subtree.
        stopMinimising(true, because: "a doubtful denial of \(sent.name)", context: context)
        retry = server
      }
    }
    return nil
  }

  /// Takes a referral: the child's own NS set is preferred to the parent's once the cache holds it, unless
  /// servers of the zone already failed in this resolution (the parent is being asked again because the child's
  /// set did not work: Unbound's parent-side last resort).
  private mutating func follow(_ referral: Referral, context: ResolutionContext) {
    var next = Delegation(referral: referral)
    let records = engine.environment.caches.records
    var child = next
    if !context.hasFailures(in: referral.zone), let cached = records.lookup(referral.zone, .ns),
      cached.credibility > .additional
    {
      child.nameserverNames = cached.rrset.rdatas.compactMap(\.targetName)
    }
    if child.nameserverNames != next.nameserverNames && child.hasReachableNameserver(records: records) {
      next = child
      context.trace(.decision("referral to \(referral.zone): using the child's own NS set"))
    } else {
      context.trace(.decision("referral to \(referral.zone)"))
    }
    delegation = next
    selector = NameserverSelector(delegation: next, depth: depth)
    minimiser.enter(zone: referral.zone)
    failures = []
    onlyNetworkFailures = true
  }

  private mutating func stopMinimising(_ minimised: Bool, because reason: String, context: ResolutionContext) {
    guard minimised else { return }
    minimiser.stop()
    context.trace(.decision("minimised query met \(reason): sending the full name \(question.name) from now on"))
  }

  /// A server answered unusably: it is recorded as failing and not asked again for this zone in this resolution.
  private mutating func rejected(_ server: UpstreamServer, reason: String, context: ResolutionContext) {
    engine.environment.caches.nameservers.recordFailure(for: server, reason: reason)
    context.trace(.responseRejected(server: server, reason: reason))
    serverFailed(server, reason: "\(server): \(reason)", network: false, context: context)
  }

  private mutating func serverFailed(
    _ server: UpstreamServer, reason: String, network: Bool, context: ResolutionContext
  ) {
    context.markFailed(server, zone: delegation.zone)
    failures.append(reason)
    onlyNetworkFailures = onlyNetworkFailures && network
  }

  private func failureAfterAttempts() -> ResolutionFailure {
    let detail = failures.joined(separator: "; ")
    return onlyNetworkFailures
      ? .networkError(zone: delegation.zone, detail: detail)
      : .noReachableAuthority(zone: delegation.zone, detail: detail)
  }
}
