public import PetrelDNS

/// One zone a scripted server is authoritative for, answering like a plain authoritative server from its
/// records: AA answers, CNAME chains inside the zone, DNAME substitution, referrals at zone cuts with whatever
/// address records for the nameservers the zone text holds (in or out of bailiwick: the test decides), NODATA
/// for existing names and empty non-terminals and NXDOMAIN otherwise, both with the SOA. An NS answer carries
/// the nameservers' addresses in the additional section, as the root's answer to a priming query does.
///
/// It exists so that tests describe a DNS tree as zone-file text and get realistic responses for any question
/// the resolver asks, minimised or not, without scripting each response by hand.
public struct ScriptedZone: Sendable {
  public let apex: DomainName
  public let records: [ResourceRecord]
  private let rrsets: [RRSetKey: RRSet]
  private let owners: Set<DomainName>

  /// Parses zone-file text relative to `apex` (default TTL 3600); a mistake in the text is a test bug and traps.
  public init(_ apex: String, _ text: String) {
    let origin = try! DomainName(apex)
    var parser = ZoneFileParser(text: text, origin: origin, defaultTTL: 3600)
    self.init(apex: origin, records: try! parser.parseAll())
  }

  public init(apex: DomainName, records: [ResourceRecord]) {
    self.apex = apex
    self.records = records
    var rrsets: [RRSetKey: RRSet] = [:]
    for rrset in RRSet.group(records) { rrsets[RRSetKey(name: rrset.name, type: rrset.type)] = rrset }
    self.rrsets = rrsets
    owners = Set(records.map(\.name))
  }

  /// The response sections for `question`, as an authoritative server for this zone would send them.
  public func respond(to question: Question) -> (
    rcode: RCode, authoritative: Bool, answers: [ResourceRecord],
    authorities: [ResourceRecord], additionals: [ResourceRecord]
  ) {
    var answers: [ResourceRecord] = []
    var name = question.name
    var seen: Set<DomainName> = []
    while seen.insert(name).inserted && name.isSubdomain(of: apex) {
      if let cut = zoneCut(above: name, type: question.type) {
        if !answers.isEmpty { return (.noError, true, answers, [], []) }
        return (.noError, false, [], cut.records, glue(for: cut))
      }
      if let dname = dname(above: name) {
        answers += dname.records
        let kept = name.labels.prefix(name.labelCount - dname.name.labelCount)
        guard let target = dname.rdatas.first?.targetName,
          let substituted = try? DomainName(labels: Array(kept) + target.labels)
        else { return (.yxDomain, true, answers, [], []) }
        answers.append(ResourceRecord(name: name, ttl: dname.ttl, rdata: .cname(substituted)))
        name = substituted
        continue
      }
      if let data = rrsets[RRSetKey(name: name, type: question.type)] {
        return (.noError, true, answers + data.records, [], data.type == .ns ? glue(for: data) : [])
      }
      if question.type != .cname, let alias = rrsets[RRSetKey(name: name, type: .cname)],
        let target = alias.rdatas.first?.targetName
      {
        answers += alias.records
        name = target
        continue
      }
      let exists = owners.contains { $0.isSubdomain(of: name) }
      return (exists ? .noError : .nxDomain, true, answers, soa.map { [$0] } ?? [], [])
    }
    return (.noError, true, answers, [], [])
  }

  /// The SOA as sent in a negative answer: its TTL lowered to the MINIMUM (RFC 2308 §3).
  public var soa: ResourceRecord? {
    guard var record = rrsets[RRSetKey(name: apex, type: .soa)]?.records.first else { return nil }
    if case .soa(let data) = record.rdata { record.ttl = min(record.ttl, data.minimum) }
    return record
  }

  /// The highest NS set strictly below the apex on the way to `name` (for DS, not at `name` itself).
  private func zoneCut(above name: DomainName, type: RRType) -> RRSet? {
    guard name.labelCount > apex.labelCount else { return nil }
    for count in (apex.labelCount + 1)...name.labelCount {
      let candidate = name.suffix(labelCount: count)
      if type == .ds && candidate == name { continue }
      if let nameservers = rrsets[RRSetKey(name: candidate, type: .ns)] { return nameservers }
    }
    return nil
  }

  private func dname(above name: DomainName) -> RRSet? {
    name.ancestors.lazy.filter { $0.isSubdomain(of: self.apex) }
      .compactMap { self.rrsets[RRSetKey(name: $0, type: .dname)] }.first
  }

  /// Every address record the zone text has for the NS set's targets.
  private func glue(for nameservers: RRSet) -> [ResourceRecord] {
    nameservers.rdatas.compactMap(\.targetName).flatMap { target in
      [RRType.a, .aaaa].compactMap { rrsets[RRSetKey(name: target, type: $0)]?.records }.flatMap { $0 }
    }
  }
}
