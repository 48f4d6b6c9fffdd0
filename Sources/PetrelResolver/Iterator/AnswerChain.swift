import PetrelDNS

/// One step of an alias chain: a CNAME, or a DNAME with the CNAME the resolver synthesised from it.
enum ChainLink: Sendable, Equatable {
  case cname(RRSet)
  /// RFC 6672 §3: `synthesized` is the CNAME from the query name to its substitute below the DNAME target.
  case dname(RRSet, synthesized: ResourceRecord)

  /// The name the link leads to.
  var target: DomainName {
    switch self {
    case .cname(let rrset): rrset.rdatas.first?.targetName ?? rrset.name
    case .dname(_, let synthesized): synthesized.rdata.targetName ?? synthesized.name
    }
  }

  /// What the client gets for this link: the CNAME, or the DNAME followed by the synthesised CNAME.
  var records: [ResourceRecord] {
    switch self {
    case .cname(let rrset): rrset.records
    case .dname(let rrset, let synthesized): rrset.records + [synthesized]
    }
  }

  /// The RRset to cache for this link; a synthesised CNAME is never cached, the DNAME stands for it.
  var cacheableRRSet: RRSet {
    switch self {
    case .cname(let rrset), .dname(let rrset, _): rrset
    }
  }
}

/// The alias chain a set of answer RRsets spells out for one question, and where it ends.
///
/// It exists so that the iterator, the cache lookup and the classifier follow CNAMEs and DNAMEs by one rule:
/// a DNAME at an ancestor of the current name first (RFC 6672: the resolver synthesises the CNAME itself and
/// ignores the one the server sent), then the data asked for, then a CNAME at the name. Records in the answer
/// that are not on the chain are simply never looked at, so they are neither cached nor served.
struct AnswerChain: Sendable, Equatable {
  var links: [ChainLink] = []
  /// The RRset of the asked type at `end`, when the answer holds it.
  var final: RRSet?
  /// Where the chain stops: the question's name when there are no links.
  var end: DomainName
  /// A DNAME substitution would have made a name longer than 255 octets (RFC 6672 §2.2: YXDOMAIN).
  var overflowed: Bool { overflowingDNAME != nil }
  /// The DNAME whose substitution would have made the name too long.
  var overflowingDNAME: RRSet?

  /// Every record of the chain in order, then the final RRset.
  var records: [ResourceRecord] {
    links.flatMap(\.records) + (final?.records ?? [])
  }

  /// Follows the chain from `name` through `rrsets` for `type`, stopping at a name seen before (a loop, which
  /// the caller detects) or after `maximumLinks` links.
  static func follow(from name: DomainName, type: RRType, in rrsets: [RRSet], maximumLinks: Int) -> AnswerChain {
    var chain = AnswerChain(end: name)
    var visited: Set<DomainName> = [name]
    var current = name
    while chain.links.count <= maximumLinks {
      if type != .dname, let dname = closestDNAME(above: current, in: rrsets) {
        guard let substituted = substitute(current, owner: dname.name, target: dname.rdatas[0].targetName) else {
          chain.overflowingDNAME = dname
          break
        }
        let synthesized = ResourceRecord(
          name: current, rrClass: dname.rrClass, ttl: dname.ttl, rdata: .cname(substituted))
        chain.links.append(
          .dname(
            RRSet(
              name: dname.name, type: .dname, rrClass: dname.rrClass, ttl: dname.ttl,
              rdatas: [dname.rdatas[0]]), synthesized: synthesized))
        current = substituted
      } else if let final = rrsets.first(where: { $0.name == current && $0.type == type }) {
        chain.final = final
        break
      } else if type != .cname,
        let cname = rrsets.first(where: { $0.name == current && $0.type == .cname }),
        let target = cname.rdatas.first?.targetName
      {
        // A CNAME RRset holds one record (RFC 2181 §10.1); anything more is ignored.
        chain.links.append(
          .cname(
            RRSet(name: cname.name, type: .cname, rrClass: cname.rrClass, ttl: cname.ttl, rdatas: [cname.rdatas[0]])))
        current = target
      } else {
        break
      }
      guard visited.insert(current).inserted else { break }
    }
    chain.end = current
    return chain
  }

  /// The DNAME RRset owned by the closest strict ancestor of `name`, if the answer has one.
  private static func closestDNAME(above name: DomainName, in rrsets: [RRSet]) -> RRSet? {
    rrsets.filter { $0.type == .dname && $0.name != name && name.isSubdomain(of: $0.name) && !$0.rdatas.isEmpty }
      .max { $0.name.labelCount < $1.name.labelCount }
  }

  /// `name` with its suffix `owner` replaced by `target` (RFC 6672 §2.2); nil if the result is too long.
  static func substitute(_ name: DomainName, owner: DomainName, target: DomainName?) -> DomainName? {
    guard let target, name.isSubdomain(of: owner) else { return nil }
    let kept = name.labels.prefix(name.labelCount - owner.labelCount)
    return try? DomainName(labels: Array(kept) + target.labels)
  }
}
