import PetrelDNS

/// Decides what a scrubbed response means (Unbound's `iter_resptype.c`): answer, alias, denial, referral, lame,
/// or failure.
///
/// The rules, for a server asked as authority for `zone` (or as a forwarder, which answers with RD and
/// without AA):
/// - a DNAME whose substitution makes the name too long is YXDOMAIN for the client (RFC 6672 §2.2), whether
///   the server said YXDOMAIN or left the substitution to the resolver;
/// - any other rcode but NOERROR and NXDOMAIN is a failure;
/// - data of the asked type at the end of the alias chain is an answer, and an alias chain leaving the zone an
///   alias, unless the response comes from a recursive server (RA set, AA clear: it answered from its cache, so
///   it is lame for the zone). A missing AA bit alone does not make an in-bailiwick answer lame, as in Unbound
///   (`iter_resptype.c`): it is cached at the lower rank of a non-authoritative answer (RFC 2181 §5.4.1), which
///   authoritative data replaces;
/// - NXDOMAIN denies the end of the chain, unless it looks like a recursive server's answer (RA, no AA, no SOA)
///   or the chain has left the zone (then the server cannot know and the alias is followed instead);
/// - an NS set strictly below the zone on the way to the name, with no SOA, is a referral (not from forwarders);
/// - an NS set for the zone itself without AA is an upward or sideways referral: lame;
/// - a NOERROR without the data asked for is NODATA (RFC 2308 §2.2) when it has AA or the zone's SOA, or when
///   it holds records but no relevant answer and no NS set (type 3, as from a server that answers another
///   type); an entirely empty one without AA, or one from a recursive server, is lame, as is anything else.
struct ResponseClassifier {
  var zone: DomainName
  var forwarding: Bool
  var maximumChainLength: Int

  func classify(_ response: ScrubbedResponse, question: Question) -> ResponseClassification {
    let authoritative = response.flags.contains(.aa) || forwarding
    let recursive = !authoritative && response.flags.contains(.ra)
    let chain = AnswerChain.follow(
      from: question.name, type: question.type, in: response.answers, maximumLinks: maximumChainLength)
    if chain.overflowed && (response.rcode == .yxDomain || response.rcode == .noError) {
      return recursive ? .lame("DNAME answer from a recursive server (RA without AA)") : .nameTooLong(chain)
    }
    guard response.rcode == .noError || response.rcode == .nxDomain else { return .failed(response.rcode) }
    if chain.final != nil {
      return recursive ? .lame("answer from a recursive server (RA without AA)") : .answer(chain)
    }
    let soa = response.authorities.first { $0.type == .soa && chain.end.isSubdomain(of: $0.name) }?.records.first
    if response.rcode == .nxDomain {
      if !chain.links.isEmpty && !chain.end.isSubdomain(of: zone) {
        return recursive ? .lame("alias from a recursive server (RA without AA)") : .alias(chain)
      }
      if recursive && soa == nil {
        return .lame("NXDOMAIN from a recursive server (RA without AA)")
      }
      return .negative(NegativeAnswer(kind: .nxDomain, chain: chain, soa: soa))
    }
    if !chain.links.isEmpty {
      if let soa { return .negative(NegativeAnswer(kind: .noData, chain: chain, soa: soa)) }
      return recursive ? .lame("alias from a recursive server (RA without AA)") : .alias(chain)
    }
    let delegations = response.authorities.filter { $0.type == .ns }
    if soa == nil,
      let cut = delegations.filter({ $0.name != zone && $0.name.isSubdomain(of: zone) })
        .max(by: { $0.name.labelCount < $1.name.labelCount })
    {
      if forwarding { return .lame("referral from a forwarder") }
      let targets = Set(cut.rdatas.compactMap(\.targetName))
      let glue = response.additionals.filter { targets.contains($0.name) }
      let outside = response.outOfBailiwickGlue.filter { targets.contains($0.name) }
      return .referral(Referral(zone: cut.name, nameservers: cut, glue: glue, outOfBailiwickGlue: outside))
    }
    if soa == nil && !authoritative && delegations.contains(where: { $0.name == zone }) {
      return .lame("referral to \(zone) itself (upward or sideways)")
    }
    if authoritative || soa != nil {
      return .negative(NegativeAnswer(kind: .noData, chain: chain, soa: soa))
    }
    if recursive { return .lame("empty answer from a recursive server (RA without AA)") }
    if response.answers.isEmpty && response.authorities.isEmpty && response.additionals.isEmpty {
      return .lame("not authoritative and not a referral")
    }
    if delegations.isEmpty {
      // RFC 2308 §2.2 type 3: no relevant answer, no SOA, no NS.
      return .negative(NegativeAnswer(kind: .noData, chain: chain, soa: nil))
    }
    return .lame("not authoritative and not a referral")
  }
}
