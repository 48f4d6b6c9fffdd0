import PetrelDNS

/// Where iteration for a question starts: a forward zone covering the name, else the closest zone cut the
/// cache knows, else the root, primed from the hints the first time it is needed (RFC 9609).
///
/// Priming is lazy: nothing is sent before the first question, and afterwards only when the cached root NS set
/// has expired. If priming fails the hints themselves serve as the root delegation, so a resolver with a
/// flaky first root server still resolves.
struct DelegationFinder {
  let engine: IterationEngine

  /// - Parameters:
  ///   - useCache: false to ignore cached cuts below the root (`bypassCache`).
  ///   - ceiling: only cached cuts strictly above this zone are used (the cut at `ceiling` itself failed).
  func delegation(
    for question: Question, useCache: Bool, below ceiling: DomainName? = nil, depth: Int,
    context: ResolutionContext
  ) async -> Delegation {
    let environment = engine.environment
    let name = question.name
    if let (zone, servers) = closestForwardZone(for: name) {
      context.trace(
        .decision(
          "\(name) is in forward zone \(zone): asking \(servers.map(\.description).joined(separator: ", ")) with RD"))
      return Delegation(forwardZone: zone, servers: servers)
    }
    // DS lives on the parent side of a zone cut (RFC 4035 §3.1.4.1).
    let start = question.type == .ds ? (name.parent ?? name) : name
    if useCache {
      // Up from the name one label at a time, building each ancestor only when the one below had no usable
      // NS set: the usual miss stops one or two labels up.
      var candidate: DomainName? = start
      while let zone = candidate, !zone.isRoot {
        candidate = zone.parent
        if let ceiling, ceiling == zone || !ceiling.isSubdomain(of: zone) { continue }
        guard let cached = environment.caches.records.lookup(zone, .ns) else { continue }
        let delegation = Delegation(zone: zone, nameserverNames: cached.rrset.rdatas.compactMap(\.targetName))
        guard delegation.hasReachableNameserver(records: environment.caches.records) else {
          context.trace(.decision("cached NS set of \(zone) has no nameserver address left: asking the parent"))
          continue
        }
        context.trace(.cacheHit("delegation \(zone) NS (\(cached.credibility))"))
        return delegation
      }
    }
    let hints = Delegation(rootHints: environment.configuration.rootHints)
    if let cached = environment.caches.records.lookup(.root, .ns) {
      let root = Delegation(
        zone: .root, nameserverNames: cached.rrset.rdatas.compactMap(\.targetName), glue: hints.glue)
      if root.hasReachableNameserver(records: environment.caches.records) { return root }
      context.trace(.decision("no address for the cached root nameservers: iterating from the hints"))
      return hints
    }
    return await prime(hints: hints, depth: depth, context: context)
  }

  private func prime(hints: Delegation, depth: Int, context: ResolutionContext) async -> Delegation {
    context.trace(.decision("priming the root NS set from the hints"))
    var iterator = ZoneIterator(
      engine: engine, question: Question(name: .root, type: .ns), depth: depth, delegation: hints)
    let outcome = await context.isolatingFailures { await iterator.run(context: context) }
    if case .answer(let chain) = outcome, chain.links.isEmpty,
      let nameservers = chain.final, nameservers.type == .ns
    {
      return Delegation(
        zone: .root, nameserverNames: nameservers.rdatas.compactMap(\.targetName), glue: hints.glue)
    }
    context.trace(.decision("priming failed: iterating from the hints"))
    return hints
  }

  private func closestForwardZone(for name: DomainName) -> (DomainName, [UpstreamServer])? {
    engine.environment.configuration.forwardZones
      .filter { name.isSubdomain(of: $0.key) && !$0.value.isEmpty }
      .max { $0.key.labelCount < $1.key.labelCount }
      .map { ($0.key, $0.value) }
  }
}
