import PetrelDNS

/// A zone cut the iterator asks at: the zone, its nameservers by name, and the addresses it already has for them.
///
/// It exists as a value of its own (Unbound's "delegation point") so that a referral, the cache's NS sets, the
/// root hints and a forward zone all lead to the same kind of thing the nameserver selector works from.
struct Delegation: Sendable {
  var zone: DomainName
  var nameserverNames: [DomainName]
  /// Addresses known from the referral itself (glue) or from hints, by nameserver name.
  var glue: [DomainName: [IPAddress]]
  /// For a forward zone: the fixed upstreams, asked with RD set. Nil when iterating.
  var forwarders: [UpstreamServer]?

  var isForwarding: Bool { forwarders != nil }

  init(zone: DomainName, nameserverNames: [DomainName], glue: [DomainName: [IPAddress]] = [:]) {
    self.zone = zone
    self.nameserverNames = nameserverNames
    self.glue = glue
    forwarders = nil
  }

  init(forwardZone zone: DomainName, servers: [UpstreamServer]) {
    self.zone = zone
    nameserverNames = []
    glue = [:]
    forwarders = servers
  }

  /// The delegation a referral describes, with its glue (and the out-of-bailiwick addresses it came with, when
  /// glue is not hardened).
  init(referral: Referral) {
    self.init(zone: referral.zone, nameserverNames: referral.nameservers.rdatas.compactMap(\.targetName))
    glue = Self.addresses(from: referral.glue + referral.outOfBailiwickGlue)
  }

  /// The root as the hints describe it.
  init(rootHints: RootHints) {
    self.init(zone: .root, nameserverNames: rootHints.nameservers)
    for (name, addresses) in rootHints.addresses {
      glue[name] = addresses.map { address -> IPAddress in
        switch address {
        case .v4(let v4): .v4(v4)
        case .v6(let v6): .v6(v6)
        }
      }
    }
  }

  /// The addresses in A and AAAA RRsets, by owner.
  static func addresses(from rrsets: [RRSet]) -> [DomainName: [IPAddress]] {
    var result: [DomainName: [IPAddress]] = [:]
    for rrset in rrsets {
      for rdata in rrset.rdatas {
        switch rdata {
        case .a(let v4): result[rrset.name, default: []].append(.v4(v4))
        case .aaaa(let v6): result[rrset.name, default: []].append(.v6(v6))
        default: continue
        }
      }
    }
    return result
  }
}

extension Delegation {
  /// Whether any nameserver can be reached: it has an address (glue or cached), or its name lies outside the
  /// zone so that its address can be resolved. A delegation whose in-zone glue has expired from the cache
  /// cannot be, and the parent must be asked again for it.
  func hasReachableNameserver(records: RecordCache) -> Bool {
    isForwarding
      || nameserverNames.contains { name in
        !name.isSubdomain(of: zone) || !(glue[name]?.isEmpty ?? true) || records.lookup(name, .a) != nil
          || records.lookup(name, .aaaa) != nil
      }
  }
}
