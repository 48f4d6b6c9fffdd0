public import PetrelDNS

/// What a local zone says to one question, section by section, ready to be put in a response.
///
/// The server answers these authoritatively (AA set) except for a referral, which is recognisable by an empty
/// answer section with NS records in the authority section.
public struct LocalZoneAnswer: Sendable, Equatable {
  /// NOERROR for answers, NODATA and referrals; NXDOMAIN when the (last) name does not exist; YXDOMAIN when a
  /// DNAME substitution would make a name too long; REFUSED for zone transfers.
  public var rcode: RCode
  public var answers: [ResourceRecord]
  /// The zone's SOA for negative answers; the delegation's NS records for referrals.
  public var authorities: [ResourceRecord]
  /// Glue addresses for a referral's nameservers.
  public var additionals: [ResourceRecord]

  public init(
    rcode: RCode, answers: [ResourceRecord] = [], authorities: [ResourceRecord] = [],
    additionals: [ResourceRecord] = []
  ) {
    self.rcode = rcode
    self.answers = answers
    self.authorities = authorities
    self.additionals = additionals
  }
}
