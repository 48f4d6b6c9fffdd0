import PetrelDNS

/// A response reduced to what its server may speak for, grouped into RRsets.
struct ScrubbedResponse: Sendable {
  var rcode: RCode
  var flags: MessageFlags
  var answers: [RRSet]
  var authorities: [RRSet]
  /// Addresses of the kept NS sets' nameservers, inside the bailiwick.
  var additionals: [RRSet]
  /// Addresses of the kept NS sets' nameservers outside the bailiwick, kept only when glue is not hardened:
  /// usable for the one delegation they came with, never cached.
  var outOfBailiwickGlue: [RRSet] = []
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
///   nameserver's name is itself in the bailiwick, the zone queried (RFC 2181 §5.4.1, RFC 8499 "in-bailiwick";
///   Unbound's `harden-glue`). Sibling glue (the root's `a.gtld-servers.net.` for `com.`) is in bailiwick; an
///   address the server gives for a name in someone else's zone is not, and is dropped. With `hardenGlue`
///   off, such out-of-bailiwick addresses are set apart instead (`outOfBailiwickGlue`): the referral they came
///   with may use them, as Unbound does with `harden-glue: no`, but they never reach the cache.
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
    // Most answers carry no additional section: then there are no glue targets to collect.
    let targets: Set<DomainName> =
      message.additionals.isEmpty
      ? []
      : Set((answers + authorities).filter { $0.type == .ns }.flatMap { $0.rdatas.compactMap(\.targetName) })
    var outside: [ResourceRecord] = []
    let additionals = RRSet.group(
      message.additionals.filter { record in
        guard record.type == .a || record.type == .aaaa, targets.contains(record.name) else {
          return keep(record, false)
        }
        if !record.name.isSubdomain(of: zone) && !hardenGlue && record.rrClass == question.rrClass {
          outside.append(record)
          return false
        }
        return keep(record, record.name.isSubdomain(of: zone))
      })
    return ScrubbedResponse(
      rcode: message.rcode, flags: message.flags, answers: answers, authorities: authorities,
      additionals: additionals, outOfBailiwickGlue: RRSet.group(outside), droppedCount: dropped)
  }
}
