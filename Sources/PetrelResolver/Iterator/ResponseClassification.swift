import PetrelDNS

/// A denial: the name does not exist, or has no data of the type.
struct NegativeAnswer: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    case nxDomain, noData
  }

  var kind: Kind
  /// The aliases that led to the denied name.
  var chain: AnswerChain
  /// The SOA of the denying zone; without it the denial is not cached.
  var soa: ResourceRecord?
  /// The name denied: the end of the chain.
  var name: DomainName { chain.end }
}

/// A delegation to a zone below the one asked.
struct Referral: Sendable, Equatable {
  var zone: DomainName
  var nameservers: RRSet
  /// Addresses of the nameservers that passed the bailiwick rule.
  var glue: [RRSet]
  /// Addresses outside the bailiwick, offered when glue is not hardened: used for this referral only, never
  /// cached.
  var outOfBailiwickGlue: [RRSet] = []
}

/// What a (scrubbed) response means for the question that was sent.
enum ResponseClassification: Sendable, Equatable {
  /// The data asked for, perhaps after aliases.
  case answer(AnswerChain)
  /// Aliases leading to a name the server did not answer for: resolution goes on at `chain.end`.
  case alias(AnswerChain)
  case negative(NegativeAnswer)
  /// A DNAME substitution made a name longer than 255 octets (RFC 6672 §2.2): YXDOMAIN for the client, with
  /// the chain and the DNAME.
  case nameTooLong(AnswerChain)
  case referral(Referral)
  /// The server is not authoritative for the zone it was asked as, or contradicts the delegation.
  case lame(String)
  /// An rcode that answers nothing: SERVFAIL, REFUSED, FORMERR, NOTIMP and the rest.
  case failed(RCode)
}
