import PetrelDNS

/// Chooses which server of a delegation to ask next.
///
/// The candidates are every address known for the delegation's nameservers (glue from the referral or the hints,
/// addresses in the cache, addresses resolved on the side), minus what the address policy forbids and the
/// servers that already failed for this zone in this resolution, ordered by the nameserver cache (smoothed RTT
/// with exploration). Only when no candidate is left does it resolve the address of a nameserver name without
/// glue, one name at a time, at most `nameserverNamesPerDelegation` names and never deeper than
/// `recursionDepth`; names inside the delegated zone last. When even that leaves no server, it asks, as a last
/// resort, for each name's parent-side glue (`ParentSideGlue`): the address the parent of the name's zone
/// gives, which may work where the child's own answer does not.
struct NameserverSelector {
  enum Selection {
    case server(UpstreamServer)
    /// Nothing left to try; the failure says why when no server was ever available.
    case exhausted(ResolutionFailure)
  }

  let delegation: Delegation
  let depth: Int
  private var resolved: [DomainName: [IPAddress]] = [:]
  /// Names whose parent-side glue was asked for.
  private var probedParentSide: Set<DomainName> = []
  private var exhaustion: ResolutionFailure

  init(delegation: Delegation, depth: Int) {
    self.delegation = delegation
    self.depth = depth
    exhaustion = .noUsableAddress(zone: delegation.zone)
  }

  mutating func next(engine: IterationEngine, context: ResolutionContext) async -> Selection {
    let environment = engine.environment
    let budgets = environment.configuration.budgets
    while true {
      let candidates = servers(environment: environment).filter { !context.hasFailed($0, zone: delegation.zone) }
      if let best = environment.caches.nameservers.order(candidates).first { return .server(best) }
      guard depth < budgets.recursionDepth else {
        if nextNameToResolve(environment: environment) != nil {
          exhaustion = .budgetExhausted("recursion depth (\(budgets.recursionDepth))")
        }
        break
      }
      if let name = nextNameToResolve(environment: environment) {
        guard resolved.count < budgets.nameserverNamesPerDelegation else {
          exhaustion = .budgetExhausted(
            "nameserver names per delegation (\(budgets.nameserverNamesPerDelegation)) for \(delegation.zone)")
          break
        }
        context.trace(.decision("resolving the address of \(name), a nameserver of \(delegation.zone) without glue"))
        resolved[name] = []
        let (addresses, failure) = await engine.nameserverAddresses(name, depth: depth + 1, context: context)
        resolved[name] = addresses
        // A limit reached further down is the reason this delegation has no server, and the client is told so.
        if case .budgetExhausted = failure, let failure { exhaustion = failure }
        continue
      }
      guard let name = nextNameForParentSideGlue(budgets: budgets) else { break }
      probedParentSide.insert(name)
      context.trace(.decision("last resort for \(delegation.zone): asking for the parent-side glue of \(name)"))
      let glue = await ParentSideGlue(engine: engine).addresses(of: name, depth: depth + 1, context: context)
      resolved[name, default: []] += glue
    }
    return .exhausted(exhaustion)
  }

  /// The first nameserver name whose parent-side glue has not been asked for, within the budget; nil for the
  /// root and forward zones.
  private func nextNameForParentSideGlue(budgets: ResolutionBudgets) -> DomainName? {
    guard !delegation.isForwarding, !delegation.zone.isRoot,
      probedParentSide.count < budgets.nameserverNamesPerDelegation
    else { return nil }
    return delegation.nameserverNames.first { !probedParentSide.contains($0) }
  }

  /// Every allowed server of the delegation, in the delegation's order.
  private func servers(environment: ResolverEnvironment) -> [UpstreamServer] {
    if let forwarders = delegation.forwarders { return forwarders }
    let policy = AddressPolicy(configuration: environment.configuration)
    var seen: Set<UpstreamServer> = []
    var result: [UpstreamServer] = []
    for name in delegation.nameserverNames {
      for address in knownAddresses(of: name, environment: environment) where policy.allows(address) {
        let server = UpstreamServer(address: address)
        if seen.insert(server).inserted { result.append(server) }
      }
    }
    return result
  }

  private func knownAddresses(of name: DomainName, environment: ResolverEnvironment) -> [IPAddress] {
    var addresses = delegation.glue[name, default: []] + resolved[name, default: []]
    let cached = [RRType.a, .aaaa].compactMap { environment.caches.records.lookup(name, $0)?.rrset }
    addresses += Delegation.addresses(from: cached)[name, default: []]
    return addresses
  }

  /// The first nameserver name worth resolving: not resolved yet and without a known address of a family the
  /// resolver uses. Names outside the delegated zone come first; a name inside it (whose glue has expired, say)
  /// comes last, because only the cache (an alias to elsewhere, RFC 2181 §10.3 notwithstanding) or another of
  /// the zone's own servers can give its address, and asking the zone's servers again is cut short by the
  /// dependency-loop check.
  private func nextNameToResolve(environment: ResolverEnvironment) -> DomainName? {
    guard !delegation.isForwarding else { return nil }
    let policy = AddressPolicy(configuration: environment.configuration)
    let candidates = delegation.nameserverNames.filter { name in
      guard resolved[name] == nil else { return false }
      return !knownAddresses(of: name, environment: environment).contains { !$0.isIPv6 || policy.queryIPv6 }
    }
    return candidates.first { !$0.isSubdomain(of: delegation.zone) } ?? candidates.first
  }
}
