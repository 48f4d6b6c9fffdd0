import PetrelDNS

/// A response reduced to what its server may speak for, grouped into RRsets.
struct ScrubbedResponse: Sendable {
  var rcode: RCode
  var flags: MessageFlags
  var answers: [RRSet]
  var authorities: [RRSet]
  var additionals: [RRSet]
  /// How many records were dropped, for the trace.
  var droppedCount: Int
}

/// Drops everything from a response that its server has no authority to say (Unbound's `iter_scrub.c`).
///
/// A server is only believed about names in the zone it was asked as (the bailiwick): otherwise any server
/// could plant an NS set or an address for someone else's zone in a cache. Applied before anything in the
/// response is classified, used or cached:
/// - answer: records whose owner is not at or below the zone go;
/// - authority: only NS sets at or below the zone that lie on the way to the query name, and SOA records at
///   or below the zone, stay;
/// - additional: only addresses of the nameservers named by the kept NS sets stay, and only when the
///   nameserver's name is itself in bailiwick: below the delegated zone with `hardenGlue`, below the queried
///   zone without.
struct ResponseScrubber {
  var zone: DomainName
  var hardenGlue: Bool

  func scrub(_ message: Message, question: Question) -> ScrubbedResponse {
    var dropped = 0
    func keep(_ record: ResourceRecord, _ condition: Bool) -> Bool {
      let kept = condition && record.rrClass == question.rrClass && !record.type.isMetaOrQueryType
      if !kept { dropped += 1 }
      return kept
    }
    let answers = RRSet.group(message.answers.filter { keep($0, $0.name.isSubdomain(of: zone)) })
    let authorities = RRSet.group(
      message.authorities.filter { record in
        switch record.type {
        case .ns: keep(record, record.name.isSubdomain(of: zone) && question.name.isSubdomain(of: record.name))
        case .soa: keep(record, record.name.isSubdomain(of: zone))
        default: keep(record, false)
        }
      })
    var glueBailiwick: [DomainName: DomainName] = [:]
    for nameservers in (answers + authorities) where nameservers.type == .ns {
      for target in nameservers.rdatas.compactMap(\.targetName) {
        let bailiwick = hardenGlue ? nameservers.name : zone
        if let existing = glueBailiwick[target], existing.labelCount <= bailiwick.labelCount { continue }
        glueBailiwick[target] = bailiwick
      }
    }
    let additionals = RRSet.group(
      message.additionals.filter { record in
        guard record.type == .a || record.type == .aaaa, let bailiwick = glueBailiwick[record.name] else {
          return keep(record, false)
        }
        return keep(record, record.name.isSubdomain(of: bailiwick))
      })
    return ScrubbedResponse(
      rcode: message.rcode, flags: message.flags, answers: answers, authorities: authorities,
      additionals: additionals, droppedCount: dropped)
  }
}
