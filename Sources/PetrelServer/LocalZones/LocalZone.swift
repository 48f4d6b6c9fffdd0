import PetrelDNS

/// One zone held in memory, indexed for answering: its RRsets by owner name, plus what lookups must find fast
/// (zone cuts, DNAMEs, whether there are wildcards at all).
struct LocalZone: Sendable {
  /// The RRsets that share one owner name; empty for an empty non-terminal.
  struct Node: Sendable {
    var rrsets: [RRSet] = []

    /// A name rarely has more than a handful of types, so a scan beats a dictionary here.
    func rrset(_ type: RRType) -> RRSet? { rrsets.first { $0.type == type } }
  }

  let apex: DomainName
  let apexLabelCount: Int
  /// Every name that exists in the zone: those with records and the empty non-terminals above them.
  let nodes: [DomainName: Node]
  /// Names below the apex that have NS records: delegations, answered with a referral.
  let cuts: Set<DomainName>
  /// Names that have a DNAME record: everything below them is redirected.
  let dnames: Set<DomainName>
  let hasWildcards: Bool
  /// The apex SOA with the negative-caching TTL, min(SOA TTL, MINIMUM) (RFC 2308 §3); empty without an SOA.
  let negativeAuthority: [ResourceRecord]

  /// Indexes `source`; records outside the apex are left out (the configuration loader refuses them anyway).
  init(_ source: LocalZoneSource) {
    apex = source.apex
    apexLabelCount = source.apex.labelCount
    var nodes: [DomainName: Node] = [:]
    for set in RRSet.group(source.records.filter { $0.name.isSubdomain(of: source.apex) }) {
      nodes[set.name, default: Node()].rrsets.append(set)
    }
    var cuts: Set<DomainName> = []
    var dnames: Set<DomainName> = []
    var hasWildcards = false
    for (name, node) in nodes {
      if name != source.apex, node.rrset(.ns) != nil { cuts.insert(name) }
      if node.rrset(.dname) != nil { dnames.insert(name) }
      if name.isWildcard { hasWildcards = true }
      for ancestor in name.ancestors {
        guard ancestor.isSubdomain(of: source.apex), nodes[ancestor] == nil else { continue }
        nodes[ancestor] = Node()
      }
    }
    self.nodes = nodes
    self.cuts = cuts
    self.dnames = dnames
    self.hasWildcards = hasWildcards
    if let soaSet = nodes[source.apex]?.rrset(.soa), case .soa(let soa)? = soaSet.rdatas.first {
      negativeAuthority = [
        ResourceRecord(name: soaSet.name, rrClass: soaSet.rrClass, ttl: min(soaSet.ttl, soa.minimum), rdata: .soa(soa))
      ]
    } else {
      negativeAuthority = []
    }
  }
}
