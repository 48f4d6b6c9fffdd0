import PetrelDNS

/// What one zone holds for one name and type, before CNAME and DNAME chains are followed.
enum LocalZoneLookup: Sendable, Equatable {
  case answer([ResourceRecord])
  /// A CNAME, or a DNAME with the CNAME synthesized from it; the chain goes on at `target`.
  case alias([ResourceRecord], target: DomainName)
  case noData
  case nameError
  /// A delegation at or above the name: its NS records and the glue for them.
  case referral(nameservers: [ResourceRecord], glue: [ResourceRecord])
  /// A DNAME substitution produced a name longer than 255 octets (RFC 6672 §2.2).
  case nameTooLong([ResourceRecord])
}

extension LocalZone {
  /// Looks `name` (at or below the apex) up as an authoritative server does (RFC 1034 §4.3.2, RFC 4592,
  /// RFC 6672): zone cuts and DNAMEs above the name first, then the name itself, then a wildcard.
  func lookup(_ name: DomainName, type: RRType) -> LocalZoneLookup {
    if !cuts.isEmpty || !dnames.isEmpty {
      let labelCount = name.labelCount
      for count in apexLabelCount...labelCount {
        let candidate = count == labelCount ? name : name.suffix(labelCount: count)
        // The parent side is authoritative for DS, so a DS question at the cut itself is answered here.
        if count > apexLabelCount, cuts.contains(candidate), !(count == labelCount && type == .ds) {
          return referral(at: candidate)
        }
        if count < labelCount, dnames.contains(candidate) { return substitute(name, below: candidate) }
      }
    }
    if let node = nodes[name] { return select(node, type: type, owner: nil) }
    if hasWildcards, let node = wildcard(for: name) { return select(node, type: type, owner: name) }
    return .nameError
  }

  /// The records of `type` at a node; `owner` replaces the owner name of records synthesized from a wildcard.
  private func select(_ node: Node, type: RRType, owner: DomainName?) -> LocalZoneLookup {
    func records(_ set: RRSet) -> [ResourceRecord] {
      var set = set
      if let owner { set.name = owner }
      return set.records
    }
    if type == .any {
      return node.rrsets.isEmpty ? .noData : .answer(node.rrsets.flatMap(records))
    }
    if let set = node.rrset(type) { return .answer(records(set)) }
    if let cname = node.rrset(.cname), let target = cname.rdatas.first?.targetName {
      return .alias(records(cname), target: target)
    }
    return .noData
  }

  /// The source of synthesis for a name that does not exist: `*.` in front of its closest encloser (RFC 4592 §3.3).
  private func wildcard(for name: DomainName) -> Node? {
    var encloser = name.parent
    while let candidate = encloser, candidate.labelCount >= apexLabelCount {
      if nodes[candidate] != nil {
        guard let source = candidate.wildcard else { return nil }
        return nodes[source]
      }
      encloser = candidate.parent
    }
    return nil
  }

  private func referral(at cut: DomainName) -> LocalZoneLookup {
    guard let nameservers = nodes[cut]?.rrset(.ns) else { return .nameError }
    var glue: [ResourceRecord] = []
    for case .ns(let target) in nameservers.rdatas where target.isSubdomain(of: apex) {
      guard let node = nodes[target] else { continue }
      for type in [RRType.a, .aaaa] {
        if let addresses = node.rrset(type) { glue += addresses.records }
      }
    }
    return .referral(nameservers: nameservers.records, glue: glue)
  }

  /// The DNAME at `owner` and the CNAME it synthesizes for `name` (RFC 6672 §3.3).
  private func substitute(_ name: DomainName, below owner: DomainName) -> LocalZoneLookup {
    guard let set = nodes[owner]?.rrset(.dname), let target = set.rdatas.first?.targetName else { return .nameError }
    let prefix = name.labels.prefix(name.labelCount - owner.labelCount)
    guard let rewritten = try? DomainName(labels: Array(prefix) + target.labels) else {
      return .nameTooLong(set.records)
    }
    let cname = ResourceRecord(name: name, rrClass: set.rrClass, ttl: set.ttl, rdata: .cname(rewritten))
    return .alias(set.records + [cname], target: rewritten)
  }
}
