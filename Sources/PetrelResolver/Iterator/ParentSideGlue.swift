import PetrelDNS

/// The address of a nameserver name as the parent of its zone gives it (glue), asked for when the addresses the
/// resolver already has for it all fail: Unbound's "parent-side" last resort.
///
/// Parent and child often disagree about a nameserver's address (a renumbered server whose zone still says the
/// old one, or the reverse); once the child's authoritative answer is cached it outranks the glue (RFC 2181
/// §5.4.1), so without this a delegation whose child data is wrong would fail although its parent points at a
/// working server. The name is asked, in full, of a server of the parent of the closest zone the cache knows
/// for it; a referral holding glue for the name gives the answer. The glue is used for this resolution only and
/// not cached, so it never displaces the child's data.
struct ParentSideGlue {
  let engine: IterationEngine

  func addresses(of name: DomainName, depth: Int, context: ResolutionContext) async -> [IPAddress] {
    let finder = DelegationFinder(engine: engine)
    let question = Question(name: name, type: .a)
    let child = await finder.delegation(for: question, useCache: true, depth: depth, context: context)
    guard !child.zone.isRoot, !child.isForwarding else { return [] }
    let parent = await finder.delegation(
      for: question, useCache: true, below: child.zone, depth: depth, context: context)
    guard !parent.isForwarding else { return [] }
    let configuration = engine.environment.configuration
    var selector = NameserverSelector(delegation: parent, depth: depth)
    while case .server(let server) = await selector.next(engine: engine, context: context) {
      switch await engine.exchange.ask(question, server: server, recursionDesired: false, context: context) {
      case .reply(let message):
        let scrubbed = ResponseScrubber(zone: parent.zone, hardenGlue: configuration.hardenGlue)
          .scrub(message, question: question)
        let classification = ResponseClassifier(
          zone: parent.zone, forwarding: false, maximumChainLength: configuration.budgets.chainLength
        ).classify(scrubbed, question: question)
        guard case .referral(let referral) = classification else { return [] }
        return Delegation.addresses(from: referral.glue + referral.outOfBailiwickGlue)[name] ?? []
      case .timedOut, .failed:
        context.markFailed(server, zone: parent.zone)
      case .budgetExhausted:
        return []
      }
    }
    return []
  }
}
