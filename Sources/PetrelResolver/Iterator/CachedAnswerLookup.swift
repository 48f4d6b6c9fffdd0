import PetrelDNS

/// What the caches say about one question.
enum CachedStep {
  case answer(RRSet)
  /// An alias at the name (CNAME) or above it (DNAME, with the CNAME synthesised from it).
  case alias(ChainLink)
  case negative(NegativeEntry)
}

/// Answers a question from the caches when they can, in a fixed order: the RRset itself, a CNAME at the name,
/// a DNAME at the closest ancestor, a denial of the name and type, an NXDOMAIN of an ancestor (RFC 8020:
/// nothing exists below a name that does not exist).
///
/// Only data of answer rank is served (non-authoritative answer or better): glue and referral NS sets steer the
/// iterator but are never handed to a client as an answer (RFC 2181 §5.4.1); a question they would answer is
/// asked upstream, and the answer then replaces them.
struct CachedAnswerLookup {
  let caches: ResolverCaches

  func lookup(_ question: Question) -> CachedStep? {
    let name = question.name
    let records = caches.records
    if let hit = servable(records.lookup(name, question.type)) { return .answer(hit.rrset) }
    if question.type != .cname, let hit = servable(records.lookup(name, .cname)), hit.rrset.rdatas.count == 1 {
      return .alias(.cname(hit.rrset))
    }
    let ancestors = name.ancestors.filter { !$0.isRoot }
    if question.type != .dname {
      for owner in ancestors {
        guard let hit = servable(records.lookup(owner, .dname)) else { continue }
        let chain = AnswerChain.follow(from: name, type: question.type, in: [hit.rrset], maximumLinks: 1)
        guard let link = chain.links.first else { break }
        return .alias(link)
      }
    }
    if let denial = caches.negative.lookup(name, question.type) { return .negative(denial) }
    for owner in ancestors {
      if let denial = caches.negative.lookup(owner, question.type), denial.kind == .nxDomain {
        return .negative(denial)
      }
    }
    return nil
  }

  private func servable(_ cached: CachedRRSet?) -> CachedRRSet? {
    guard let cached, cached.credibility >= .nonAuthoritativeAnswer else { return nil }
    return cached
  }
}
