import PetrelDNS

/// The ways a test server departs from correct authoritative behaviour, one switch each.
///
/// Resolvers are judged by how they cope with broken and hostile servers; each switch reproduces one such
/// server so an integration test can point a delegation at it.
struct Misbehaviour: Sendable, Equatable {
  /// Every UDP answer carries TC and no records, so the resolver must retry over TCP.
  var truncateUDP = false
  /// Every query is answered REFUSED.
  var refuse = false
  /// Every query is answered SERVFAIL.
  var serverFailure = false
  /// Queries are read and never answered: a dead server.
  var drop = false
  /// Answers are correct but lack the AA bit.
  var clearAuthoritative = false
  /// Every query gets a non-authoritative referral to the server's own zone: a lame delegation, which a
  /// resolver that believes it loops forever.
  var lame = false
  /// Records added to the additional section of every response (out-of-bailiwick poisoning attempts).
  var injectedAdditionals: [ResourceRecord] = []
  /// Records added to the authority section of every response.
  var injectedAuthorities: [ResourceRecord] = []
}
