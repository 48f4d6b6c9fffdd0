public import PetrelDNS

/// What resolving one question produced, ready to be put into a response for the client.
public struct ResolutionResult: Sendable, Equatable {
  public var rcode: RCode
  /// The answer: the CNAME/DNAME chain, if any, followed by the final RRset.
  public var answers: [ResourceRecord]
  /// For negative answers, the SOA that bounds how long the denial may be cached.
  public var authorities: [ResourceRecord]
  /// Why resolution failed (RFC 8914), with SERVFAIL.
  public var extendedError: ExtendedDNSError?

  public init(
    rcode: RCode, answers: [ResourceRecord] = [], authorities: [ResourceRecord] = [],
    extendedError: ExtendedDNSError? = nil
  ) {
    self.rcode = rcode
    self.answers = answers
    self.authorities = authorities
    self.extendedError = extendedError
  }

  /// The lowest TTL in the result: how long the whole response may be kept in the packet cache.
  public var minimumTTL: UInt32? {
    (answers + authorities).map(\.ttl).min()
  }
}
