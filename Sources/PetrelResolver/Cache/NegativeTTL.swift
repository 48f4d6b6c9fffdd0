public import PetrelDNS

/// RFC 2308 §5: how long a denial may be cached.
///
/// A separate rule so that it is written once: the lesser of the SOA record's own TTL and its MINIMUM field,
/// capped by the operator's maximum. A record that is not a SOA proves nothing and gets no TTL.
public enum NegativeTTL {
  public static func ttl(soa: ResourceRecord, maximum: UInt32) -> UInt32? {
    guard case .soa(let fields) = soa.rdata else { return nil }
    return min(soa.ttl, fields.minimum, maximum)
  }
}
