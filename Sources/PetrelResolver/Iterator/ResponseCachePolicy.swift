import PetrelDNS

/// Decides what of a classified response enters the caches, and at which RFC 2181 §5.4.1 rank.
///
/// Only scrubbed data reaches it, and of that only what resolution uses: the alias chain and the final RRset
/// (answer rank: authoritative with AA, non-authoritative without it or from a forwarder), the NS set of the
/// authority section of an authoritative answer with its nameservers' addresses (authoritative-authority and
/// additional rank, so that the child's own NS set replaces the parent's once seen), a referral's NS set and
/// glue at additional rank, and denials with their SOA. The authority and additional sections of an answer
/// without AA are not cached at all: they rank lowest in RFC 2181 §5.4.1, below the referral data they would
/// otherwise replace at equal rank, and are how an off-path or lame server plants a rogue NS set (Unbound's
/// NS-spoof protection). A denial without a SOA is
/// not cached at all: RFC 2308 §5 gives it no lifetime, and guessing one would let a broken server pin a
/// denial. The caches themselves refuse to let lower ranks overwrite live higher ones.
struct ResponseCachePolicy {
  let caches: ResolverCaches

  func store(
    _ classification: ResponseClassification, from response: ScrubbedResponse, question: Question,
    server: UpstreamServer, forwarding: Bool
  ) {
    let authoritative = response.flags.contains(.aa) && !forwarding
    let answerRank: Credibility = authoritative ? .authoritativeAnswer : .nonAuthoritativeAnswer
    switch classification {
    case .answer(let chain), .alias(let chain):
      storeChain(chain, rank: answerRank, server: server)
      if authoritative { storeAuthority(response, server: server) }
    case .negative(let negative):
      storeChain(negative.chain, rank: answerRank, server: server)
      if let soa = negative.soa {
        caches.negative.store(
          name: negative.name, type: question.type, kind: negative.kind == .nxDomain ? .nxDomain : .noData, soa: soa,
          source: server)
      }
    case .referral(let referral):
      caches.records.store(referral.nameservers, credibility: .additional, source: server)
      for glue in referral.glue { caches.records.store(glue, credibility: .additional, source: server) }
    case .nameTooLong(let chain):
      storeChain(chain, rank: answerRank, server: server)
      if let dname = chain.overflowingDNAME { caches.records.store(dname, credibility: answerRank, source: server) }
    case .lame, .failed:
      break
    }
  }

  private func storeChain(_ chain: AnswerChain, rank: Credibility, server: UpstreamServer) {
    for link in chain.links { caches.records.store(link.cacheableRRSet, credibility: rank, source: server) }
    if let final = chain.final { caches.records.store(final, credibility: rank, source: server) }
  }

  /// The zone's own NS set from the authority section of an authoritative answer, and the addresses of its
  /// nameservers.
  private func storeAuthority(_ response: ScrubbedResponse, server: UpstreamServer) {
    for nameservers in response.authorities where nameservers.type == .ns {
      caches.records.store(nameservers, credibility: .authoritativeAuthority, source: server)
    }
    for address in response.additionals {
      caches.records.store(address, credibility: .additional, source: server)
    }
  }
}
