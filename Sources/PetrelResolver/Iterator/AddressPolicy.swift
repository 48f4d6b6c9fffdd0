import PetrelDNS

/// Which nameserver addresses the resolver may send queries to: never into `dontQuery` networks (PowerDNS's
/// `dont-query`, against being used to probe private networks), and IPv6 only when `queryIPv6` allows.
struct AddressPolicy: Sendable {
  var dontQuery: [IPNetwork]
  var queryIPv6: Bool

  init(configuration: ResolverConfiguration) {
    dontQuery = configuration.dontQuery
    queryIPv6 = configuration.queryIPv6
  }

  func allows(_ address: IPAddress) -> Bool {
    let address = address.unmapped
    if address.isIPv6 && !queryIPv6 { return false }
    return !dontQuery.contains { $0.contains(address) }
  }

  /// Whether asking for the name's addresses of this family could give anything this policy allows.
  func wants(_ type: RRType) -> Bool {
    type == .a || (type == .aaaa && queryIPv6)
  }
}
