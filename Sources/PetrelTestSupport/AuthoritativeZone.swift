public import PetrelDNS

/// One zone's data, answered the way an authoritative server answers (RFC 1034 §4.3.2, RFC 2308, RFC 6672).
///
/// It exists so that integration tests can build a whole DNS hierarchy on loopback from plain zone files and
/// know exactly what each server says: authoritative answers, referrals at zone cuts with glue, CNAME chains
/// inside the zone, NXDOMAIN and NODATA with the SOA, empty non-terminals, wildcards and DNAME synthesis.
public struct AuthoritativeZone: Sendable {
  /// The zone's apex.
  public let origin: DomainName
  /// The apex SOA record, placed in the authority section of every negative answer.
  public let soa: ResourceRecord
  private let nodes: [DomainName: [RRType: [ResourceRecord]]]
  /// Every owner name and every ancestor of one down to the apex: a name here without a node is an empty
  /// non-terminal.
  private let existingNames: Set<DomainName>

  /// The longest CNAME/DNAME chain followed inside the zone before the answer is returned as it stands.
  public static let maximumChainLength = 8

  /// Why zone data cannot be served.
  public enum ZoneError: Error, CustomStringConvertible {
    case missingSOA(origin: DomainName)
    case outOfZone(record: ResourceRecord, origin: DomainName)

    public var description: String {
      switch self {
      case .missingSOA(let origin): "zone \(origin) has no SOA record at its apex"
      case .outOfZone(let record, let origin): "record \(record.presentation) lies outside zone \(origin)"
      }
    }
  }

  public init(origin: DomainName, records: [ResourceRecord]) throws(ZoneError) {
    var nodes: [DomainName: [RRType: [ResourceRecord]]] = [:]
    var existing: Set<DomainName> = [origin]
    for record in records {
      guard record.name.isSubdomain(of: origin) else { throw .outOfZone(record: record, origin: origin) }
      nodes[record.name, default: [:]][record.type, default: []].append(record)
      var name = record.name
      while name != origin, existing.insert(name).inserted, let parent = name.parent { name = parent }
    }
    guard let soa = nodes[origin]?[.soa]?.first else { throw .missingSOA(origin: origin) }
    self.origin = origin
    self.soa = soa
    self.nodes = nodes
    self.existingNames = existing
  }

  /// True when `name` is at or below the apex.
  public func contains(_ name: DomainName) -> Bool { name.isSubdomain(of: origin) }

  /// The complete answer to `question`, following CNAME and DNAME chains while they stay in the zone.
  public func answer(_ question: Question) -> ZoneAnswer {
    var answers: [ResourceRecord] = []
    var name = question.name
    var visited: Set<DomainName> = []
    for _ in 0..<Self.maximumChainLength {
      visited.insert(name)
      let step = lookUp(name, type: question.type)
      switch step {
      case .records(let records):
        return ZoneAnswer(rcode: .noError, authoritative: true, answers: answers + records)
      case .referral(let nameServers, let glue):
        // A chain that leaves into a delegated child is returned as far as it goes; the resolver chases it.
        if !answers.isEmpty { return ZoneAnswer(rcode: .noError, authoritative: true, answers: answers) }
        return ZoneAnswer(rcode: .noError, authoritative: false, authorities: nameServers, additionals: glue)
      case .alias(let records, let target):
        answers += records
        guard contains(target), !visited.contains(target) else {
          return ZoneAnswer(rcode: .noError, authoritative: true, answers: answers)
        }
        name = target
      case .noData:
        return ZoneAnswer(rcode: .noError, authoritative: true, answers: answers, authorities: [negativeSOA])
      case .nameError:
        return ZoneAnswer(rcode: .nxDomain, authoritative: true, answers: answers, authorities: [negativeSOA])
      }
    }
    return ZoneAnswer(rcode: .noError, authoritative: true, answers: answers)
  }

  /// The zone's NS records at the apex and their glue: what a lame server hands out as a referral to itself.
  public func apexReferral() -> ZoneAnswer {
    let nameServers = nodes[origin]?[.ns] ?? []
    return ZoneAnswer(
      rcode: .noError, authoritative: false, authorities: nameServers, additionals: glue(for: nameServers))
  }

  /// The SOA as RFC 2308 §3 wants it in a negative answer: its TTL capped by its MINIMUM field.
  private var negativeSOA: ResourceRecord {
    var record = soa
    if case .soa(let data) = soa.rdata { record.ttl = min(soa.ttl, data.minimum) }
    return record
  }

  /// What one name holds for one type, without following aliases.
  private enum Step {
    case records([ResourceRecord])
    case referral(nameServers: [ResourceRecord], glue: [ResourceRecord])
    /// A CNAME, or a DNAME with the CNAME synthesised from it, and the name to continue with.
    case alias([ResourceRecord], target: DomainName)
    case noData
    case nameError
  }

  private func lookUp(_ name: DomainName, type: RRType) -> Step {
    // Walk down from the apex: a zone cut or a DNAME above the name takes precedence over the name itself.
    for depth in (origin.labelCount + 1)..<(name.labelCount + 1) {
      let here = name.suffix(labelCount: depth)
      let isQueryName = depth == name.labelCount
      // DS lives on the parent side of a cut (RFC 4035 §3.1.4.1).
      if let nameServers = nodes[here]?[.ns], !(isQueryName && type == .ds) {
        return .referral(nameServers: nameServers, glue: glue(for: nameServers))
      }
      if !isQueryName, let dname = nodes[here]?[.dname]?.first, let step = synthesise(name, from: dname) {
        return step
      }
    }
    if let node = nodes[name] {
      if type == .any { return .records(node.values.flatMap { $0 }.map { owned($0, by: name) }) }
      if let records = node[type] { return .records(records.map { owned($0, by: name) }) }
      if let cname = node[.cname]?.first, case .cname(let target) = cname.rdata {
        return .alias([owned(cname, by: name)], target: target)
      }
      return .noData
    }
    if existingNames.contains(name) { return .noData }
    return wildcardStep(for: name, type: type)
  }

  /// RFC 4592: the wildcard child of the closest encloser answers for a name that does not exist.
  private func wildcardStep(for name: DomainName, type: RRType) -> Step {
    guard let encloser = name.ancestors.first(where: { existingNames.contains($0) }),
      let wildcardName = encloser.wildcard, let node = nodes[wildcardName]
    else { return .nameError }
    if let records = node[type] { return .records(records.map { owned($0, by: name) }) }
    if let cname = node[.cname]?.first, case .cname(let target) = cname.rdata {
      return .alias([owned(cname, by: name)], target: target)
    }
    return .noData
  }

  /// RFC 6672 §2.2: the DNAME itself and a CNAME from the query name to the name under the new suffix.
  private func synthesise(_ name: DomainName, from dname: ResourceRecord) -> Step? {
    guard case .dname(let newSuffix) = dname.rdata else { return nil }
    let keptLabels = name.labels.prefix(name.labelCount - dname.name.labelCount)
    guard let relative = try? DomainName(labels: keptLabels), let target = try? relative.appending(newSuffix) else {
      return nil  // The synthesised name would be too long: RFC 6672 answers YXDOMAIN; tests never need it.
    }
    let cname = ResourceRecord(name: name, rrClass: dname.rrClass, ttl: dname.ttl, rdata: .cname(target))
    return .alias([dname, cname], target: target)
  }

  /// The address records the zone holds for the name servers' names (glue below a cut, or in-zone data).
  private func glue(for nameServers: [ResourceRecord]) -> [ResourceRecord] {
    nameServers.compactMap(\.rdata.targetName).filter(contains).flatMap { server in
      (nodes[server]?[.a] ?? []) + (nodes[server]?[.aaaa] ?? [])
    }
  }

  /// The record with the owner spelled as the question spelled it, as a compressing server would send it.
  private func owned(_ record: ResourceRecord, by name: DomainName) -> ResourceRecord {
    var copy = record
    copy.name = name
    return copy
  }
}

/// What a zone answers to one question, before the server's misbehaviour switches are applied.
///
/// `petrel-test-authority` turns it into a message after applying its misbehaviour switches; tests read it
/// directly to check the zone logic itself.
public struct ZoneAnswer: Sendable, Equatable {
  public var rcode: RCode
  /// Whether the AA bit belongs on the response.
  public var authoritative: Bool
  public var answers: [ResourceRecord]
  public var authorities: [ResourceRecord]
  public var additionals: [ResourceRecord]

  public init(
    rcode: RCode, authoritative: Bool, answers: [ResourceRecord] = [], authorities: [ResourceRecord] = [],
    additionals: [ResourceRecord] = []
  ) {
    self.rcode = rcode
    self.authoritative = authoritative
    self.answers = answers
    self.authorities = authorities
    self.additionals = additionals
  }
}
