import PetrelDNS

/// Why a resolution ended in SERVFAIL, and the extended DNS error (RFC 8914) the client is told.
enum ResolutionFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// A limit of `ResolutionBudgets` was reached.
  case budgetExhausted(String)
  /// The alias chain has more links than `chainLength` allows.
  case chainTooLong(Int)
  /// An alias leads back to a name already on the chain.
  case aliasLoop(DomainName)
  /// Finding a nameserver's address needs that very address (or nesting went too deep).
  case dependencyLoop(Question)
  /// Every nameserver of the zone timed out, refused, failed or was lame.
  case noReachableAuthority(zone: DomainName, detail: String)
  /// Every attempt failed with a local network error.
  case networkError(zone: DomainName, detail: String)
  /// The zone's nameservers have no address the resolver may send to (dont-query, IPv6 off) or none at all.
  case noUsableAddress(zone: DomainName)
  /// A server's answer cannot be used at all.
  case invalidAnswer(String)

  var extendedError: ExtendedDNSError {
    switch self {
    case .networkError: ExtendedDNSError(code: .networkError, extraText: description)
    case .noReachableAuthority, .noUsableAddress: ExtendedDNSError(code: .noReachableAuthority, extraText: description)
    case .invalidAnswer: ExtendedDNSError(code: .invalidData, extraText: description)
    case .budgetExhausted, .chainTooLong, .aliasLoop, .dependencyLoop:
      ExtendedDNSError(code: .otherError, extraText: description)
    }
  }

  var description: String {
    switch self {
    case .budgetExhausted(let what): "\(what) exhausted"
    case .chainTooLong(let limit): "alias chain longer than \(limit) links"
    case .aliasLoop(let name): "alias loop at \(name)"
    case .dependencyLoop(let question): "nameserver address dependency loop at \(question)"
    case .noReachableAuthority(let zone, let detail): "no nameserver of \(zone) answered usably: \(detail)"
    case .networkError(let zone, let detail): "network error reaching \(zone): \(detail)"
    case .noUsableAddress(let zone): "no usable nameserver address for \(zone)"
    case .invalidAnswer(let detail): "unusable answer: \(detail)"
    }
  }
}
