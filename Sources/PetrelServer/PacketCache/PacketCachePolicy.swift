import PetrelDNS

/// How long a response may live in the packet cache, decided from its content.
///
/// Positive answers live as long as their shortest TTL; negative answers (NXDOMAIN, NODATA) as long as the
/// SOA allows (RFC 2308: the lesser of its TTL and its MINIMUM); SERVFAIL a few seconds at most, so that a
/// failing zone is not hammered but recovers quickly; anything else is not kept.
public struct PacketCachePolicy: Sendable, Equatable {
  /// Entries never outlive this, whatever the records say.
  public var maximumTTL: UInt32
  /// How long a SERVFAIL from the resolver is kept; 0 keeps none.
  public var servFailTTL: UInt32

  public init(maximumTTL: UInt32 = 86_400, servFailTTL: UInt32 = 3) {
    self.maximumTTL = maximumTTL
    self.servFailTTL = servFailTTL
  }

  /// Seconds `answer` may be cached, or nil when it must not be.
  public func ttl(for answer: QueryAnswer) -> UInt32? {
    let ttl: UInt32?
    switch answer.rcode {
    case .noError where !answer.answers.isEmpty:
      ttl = (answer.answers + answer.authorities + answer.additionals).lazy.map(\.ttl).min()
    case .noError, .nxDomain:
      let negative = answer.authorities.lazy.compactMap { record -> UInt32? in
        guard case .soa(let soa) = record.rdata else { return nil }
        return min(record.ttl, soa.minimum)
      }.min()
      let positive = answer.answers.lazy.map(\.ttl).min()
      ttl = negative.map { min($0, positive ?? .max) }
    case .servFail:
      ttl = servFailTTL
    default:
      ttl = nil
    }
    guard let ttl, ttl > 0 else { return nil }
    return min(ttl, maximumTTL)
  }
}
