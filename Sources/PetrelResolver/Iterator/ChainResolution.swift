import PetrelDNS

/// Resolves one question to the result the client gets: follows aliases from zone to zone, asks the cache
/// before the network at every name, enforces the chain length and loop rules, and assembles the answer (the
/// chain, then the final RRset) or the denial (with its SOA) or the SERVFAIL with its extended error (and, for
/// a chain that loops or is too long, the chain as far as it went).
struct ChainResolution {
  let engine: IterationEngine

  func resolve(_ question: Question, depth: Int, context: ResolutionContext) async -> ResolutionResult {
    switch await outcome(question, depth: depth, context: context) {
    case .success(let result): result
    case .failure(let failure): ResolutionResult(rcode: .servFail, extendedError: failure.extendedError)
    }
  }

  /// The result, or the failure that becomes a SERVFAIL.
  func outcome(_ question: Question, depth: Int, context: ResolutionContext) async
    -> Result<ResolutionResult, ResolutionFailure>
  {
    guard context.begin(question) else { return .failure(.dependencyLoop(question)) }
    defer { context.end(question) }
    let environment = engine.environment
    let useCache = depth > 0 || !context.bypassCache
    let lookup = CachedAnswerLookup(caches: environment.caches)
    let ttls = ResultTTLs(configuration: environment.configuration)
    var chain = ChainAccumulator(start: question.name, limit: environment.configuration.budgets.chainLength)
    while true {
      let current = Question(name: chain.end, type: question.type, rrClass: question.rrClass)
      if useCache, let step = lookup.lookup(current) {
        switch step {
        case .answer(let rrset):
          context.trace(.cacheHit("\(rrset.name) \(rrset.type)"))
          return .success(ResolutionResult(rcode: .noError, answers: chain.records + rrset.records))
        case .alias(let link):
          context.trace(.cacheHit("alias \(link.records.map(\.presentation).joined(separator: " | "))"))
          if let failure = chain.append([link]) { return .success(ttls.broken(chain, failure)) }
          continue
        case .negative(let denial):
          context.trace(.cacheHit("\(denial.kind == .nxDomain ? "NXDOMAIN" : "NODATA") \(denial.name)"))
          return .success(
            ResolutionResult(
              rcode: denial.kind == .nxDomain ? .nxDomain : .noError, answers: chain.records,
              authorities: [denial.soa]))
        }
      }
      var ceiling: DomainName? = nil
      var outcome: IterationOutcome
      repeat {
        let delegation = await DelegationFinder(engine: engine).delegation(
          for: current, useCache: useCache, below: ceiling, depth: depth, context: context)
        var iterator = ZoneIterator(engine: engine, question: current, depth: depth, delegation: delegation)
        outcome = await iterator.run(context: context)
        ceiling = Self.lastResort(after: outcome, from: delegation)
        if let ceiling {
          context.trace(.decision("no server of the cached delegation \(ceiling) answered: asking its parent again"))
        }
      } while ceiling != nil
      switch outcome {
      case .answer(let answer):
        if let failure = chain.append(answer.links) { return .success(ttls.broken(chain, failure)) }
        return .success(
          ResolutionResult(rcode: .noError, answers: ttls.positive(chain.records + (answer.final?.records ?? []))))
      case .alias(let alias):
        if let failure = chain.append(alias.links) { return .success(ttls.broken(chain, failure)) }
      case .nameTooLong(let overflow):
        if let failure = chain.append(overflow.links) { return .success(ttls.broken(chain, failure)) }
        let dname = overflow.overflowingDNAME?.records ?? []
        return .success(ResolutionResult(rcode: .yxDomain, answers: ttls.positive(chain.records + dname)))
      case .negative(let negative):
        if let failure = chain.append(negative.chain.links) { return .success(ttls.broken(chain, failure)) }
        return .success(
          ResolutionResult(
            rcode: negative.kind == .nxDomain ? .nxDomain : .noError, answers: ttls.positive(chain.records),
            authorities: negative.soa.map { [ttls.negative($0)] } ?? []))
      case .failure(let failure):
        return .failure(failure)
      }
    }
  }
}

extension ChainResolution {
  /// The zone to climb above when `outcome` is every server of a cached delegation failing (Unbound's "last
  /// resort"): the parent is asked again, which brings the NS set and glue it holds now (RFC 1034 §5.3.3:
  /// when the servers known are used up, find better ones). Nil when the outcome is anything else, when the
  /// failure was further down than the delegation started, or for the root and forward zones.
  static func lastResort(after outcome: IterationOutcome, from delegation: Delegation) -> DomainName? {
    guard case .failure(let failure) = outcome, !delegation.zone.isRoot, !delegation.isForwarding else { return nil }
    switch failure {
    case .noReachableAuthority(let zone, _), .networkError(let zone, _), .noUsableAddress(let zone):
      return zone == delegation.zone ? zone : nil
    default:
      return nil
    }
  }
}

/// The alias chain of one resolution as it grows, with the length limit and loop check applied to every link.
struct ChainAccumulator {
  private(set) var records: [ResourceRecord] = []
  private(set) var end: DomainName
  private var visited: Set<DomainName>
  private var length = 0
  let limit: Int

  init(start: DomainName, limit: Int) {
    end = start
    visited = [start]
    self.limit = limit
  }

  /// Adds links; the failure when the chain grows too long or comes back to a name already on it.
  mutating func append(_ links: [ChainLink]) -> ResolutionFailure? {
    for link in links {
      length += 1
      guard length <= limit else { return .chainTooLong(limit) }
      // A DNAME that applies twice on the chain is sent once: an RRset appears once in a section (RFC 2181 §5).
      records += link.records.filter { record in
        !records.contains { $0.name == record.name && $0.rrClass == record.rrClass && $0.rdata == record.rdata }
      }
      end = link.target
      guard visited.insert(end).inserted else { return .aliasLoop(end) }
    }
    return nil
  }
}

/// The TTLs a fresh answer is served with: the bounds the cache applies (so a second, cached answer never
/// outlives the first), and for a denial's SOA the negative TTL of RFC 2308 §5.
struct ResultTTLs {
  let minimum: UInt32
  let maximum: UInt32
  let maximumNegative: UInt32

  init(configuration: ResolverConfiguration) {
    maximum = configuration.maximumTTL
    minimum = min(configuration.minimumTTL, configuration.maximumTTL)
    maximumNegative = configuration.maximumNegativeTTL
  }

  func positive(_ records: [ResourceRecord]) -> [ResourceRecord] {
    records.map { record in
      var record = record
      record.ttl = Swift.max(minimum, Swift.min(record.ttl, maximum))
      return record
    }
  }

  /// The SERVFAIL for a chain that loops or grows too long, with the chain as far as it went: the records that
  /// show the client why (RFC 1034 §3.6.2 wants CNAME loops signalled as an error; the rcode is the error).
  func broken(_ chain: ChainAccumulator, _ failure: ResolutionFailure) -> ResolutionResult {
    ResolutionResult(rcode: .servFail, answers: positive(chain.records), extendedError: failure.extendedError)
  }

  func negative(_ soa: ResourceRecord) -> ResourceRecord {
    var soa = soa
    if case .soa(let data) = soa.rdata { soa.ttl = Swift.min(soa.ttl, data.minimum) }
    soa.ttl = Swift.min(soa.ttl, maximumNegative)
    return soa
  }
}
