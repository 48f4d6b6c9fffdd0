import PetrelDNS

/// How iterating for one name and type at its zone ended.
enum IterationOutcome {
  case answer(AnswerChain)
  /// The chain leads out of the zone: resolution goes on at `chain.end`.
  case alias(AnswerChain)
  case negative(NegativeAnswer)
  /// A DNAME made the name too long: YXDOMAIN.
  case nameTooLong(AnswerChain)
  case failure(ResolutionFailure)
}

/// The resolver's machinery without its public face: resolving a question (`ChainResolution`), finding where to
/// start (`DelegationFinder`), walking the zones (`ZoneIterator`), finding nameserver addresses.
struct IterationEngine: Sendable {
  let environment: ResolverEnvironment

  var exchange: UpstreamExchange { UpstreamExchange(environment: environment) }
  var cachePolicy: ResponseCachePolicy { ResponseCachePolicy(caches: environment.caches) }

  /// The addresses of a nameserver name, resolved on the side: A first, AAAA only when IPv6 is used and A gave
  /// nothing the address policy allows; with the failure of the last lookup that failed.
  func nameserverAddresses(_ name: DomainName, depth: Int, context: ResolutionContext) async
    -> (addresses: [IPAddress], failure: ResolutionFailure?)
  {
    let policy = AddressPolicy(configuration: environment.configuration)
    var addresses: [IPAddress] = []
    var failure: ResolutionFailure?
    for type in [RRType.a, .aaaa] where policy.wants(type) {
      if addresses.contains(where: policy.allows) { break }
      let result: ResolutionResult
      switch await ChainResolution(engine: self).outcome(
        Question(name: name, type: type), depth: depth, context: context)
      {
      case .success(let answer): result = answer
      case .failure(let reason):
        failure = reason
        continue
      }
      addresses += result.answers.compactMap { record -> IPAddress? in
        switch record.rdata {
        case .a(let v4): .v4(v4)
        case .aaaa(let v6): .v6(v6)
        default: nil
        }
      }
    }
    return (addresses, failure)
  }
}

extension IterationEngine {
  /// Resolves `question` at nesting `depth` (0 for the client's question).
  func resolve(_ question: Question, depth: Int, context: ResolutionContext) async -> ResolutionResult {
    await ChainResolution(engine: self).resolve(question, depth: depth, context: context)
  }
}
