public import PetrelDNS

/// The zones the server answers from memory (`local-zones`), looked up on the query path before the resolver.
///
/// Built once from the configuration's parsed zone files. A question is matched to the zone with the longest
/// apex that contains it; answering is a few dictionary lookups, with no allocation beyond the answer itself.
public struct LocalZones: Sendable {
  /// Longer chains than this end where they are; the resolver does not follow them further either.
  static let maximumChainLength = 16

  private let zonesByApex: [DomainName: LocalZone]
  /// The distinct apex label counts, longest first: the only suffixes of a name worth looking up.
  private let apexLabelCounts: [Int]

  /// Indexes the zones; a later source with the same apex as an earlier one replaces it.
  public init(_ sources: [LocalZoneSource]) {
    var zones: [DomainName: LocalZone] = [:]
    for source in sources { zones[source.apex] = LocalZone(source) }
    zonesByApex = zones
    apexLabelCounts = Set(zones.values.map(\.apexLabelCount)).sorted(by: >)
  }

  /// True when no zone is configured, so the query path can skip the lookup entirely.
  public var isEmpty: Bool { zonesByApex.isEmpty }

  /// The authoritative answer to `question`, or nil when the name is outside every local zone (or the class is
  /// not IN), so the question goes to the resolver.
  ///
  /// CNAME and DNAME chains are followed while they stay in the same zone; a chain that leaves it ends with the
  /// last alias, for the resolver to continue.
  public func answer(_ question: Question) -> LocalZoneAnswer? {
    guard !zonesByApex.isEmpty, question.rrClass == .internet || question.rrClass == .any,
      var zone = zone(for: question.name, type: question.type)
    else { return nil }
    if question.type == .axfr || question.type == .ixfr { return LocalZoneAnswer(rcode: .refused) }
    var result = LocalZoneAnswer(rcode: .noError)
    var name = question.name
    // Names already asked in this chain; an empty array costs no allocation for the common, chainless case.
    var visited: [DomainName] = []
    for _ in 0...Self.maximumChainLength {
      switch zone.lookup(name, type: question.type) {
      case .answer(let records):
        result.answers += records
        return result
      case .noData:
        result.authorities = zone.negativeAuthority
        return result
      case .nameError:
        result.rcode = .nxDomain
        result.authorities = zone.negativeAuthority
        return result
      case .referral(let nameservers, let glue):
        result.authorities = nameservers
        result.additionals = glue
        return result
      case .nameTooLong(let records):
        result.rcode = .yxDomain
        result.answers += records
        return result
      case .alias(let records, let target):
        result.answers += records
        visited.append(name)
        guard !visited.contains(target), let next = self.zone(for: target, type: question.type),
          next.apex == zone.apex
        else { return result }
        zone = next
        name = target
      }
    }
    return result
  }

  /// The zone with the longest apex at or above `name`. A DS question at an apex belongs to the parent side of
  /// the cut, so it goes to the enclosing local zone when that zone has the name (delegates it).
  private func zone(for name: DomainName, type: RRType) -> LocalZone? {
    let labelCount = name.labelCount
    for count in apexLabelCounts where count <= labelCount {
      let suffix = count == labelCount ? name : name.suffix(labelCount: count)
      guard let zone = zonesByApex[suffix] else { continue }
      if type == .ds, count == labelCount, let parent = name.parent,
        let enclosing = self.zone(for: parent, type: .a), enclosing.nodes[name] != nil
      {
        return enclosing
      }
      return zone
    }
    return nil
  }
}
