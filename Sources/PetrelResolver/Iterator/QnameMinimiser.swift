import PetrelDNS

/// The question to send next under RFC 9156 QNAME minimisation, for one name being resolved.
///
/// From the closest known zone cut the name is revealed one label at a time, asked with type A as Unbound does
/// (NS queries are answered badly by too many servers), until the full name is reached and asked with its real
/// type. A referral moves the cut down; an answer or NODATA for a minimised name means there is no cut there,
/// so one more label is revealed. Minimising stops for good (the relaxed mode) after a failure, a doubtful
/// NXDOMAIN, an alias at an intermediate name, or after `maximumMinimisedQueries` queries for one name, as
/// RFC 9156 §2.3 recommends against names with very many labels.
struct QnameMinimiser: Sendable {
  /// At most this many minimised queries per resolved name, then the full name is sent.
  static let maximumMinimisedQueries = 10

  let target: Question
  private(set) var enabled: Bool
  /// Labels of `target.name` revealed in the next query.
  private var revealedLabels: Int
  private var minimisedQueries = 0

  init(target: Question, enabled: Bool, zone: DomainName) {
    self.target = target
    self.enabled = enabled
    revealedLabels = zone.labelCount + 1
  }

  /// The question to send now, and whether it is minimised (not the full question).
  var nextQuestion: (question: Question, minimised: Bool) {
    guard enabled, revealedLabels < target.name.labelCount else { return (target, false) }
    return (Question(name: target.name.suffix(labelCount: revealedLabels), type: .a, rrClass: target.rrClass), true)
  }

  /// A referral to `zone`: continue one label below it.
  mutating func enter(zone: DomainName) {
    revealedLabels = zone.labelCount + 1
  }

  /// The minimised name exists without being a zone cut: reveal one more label.
  mutating func advance() {
    revealedLabels += 1
    minimisedQueries += 1
    if minimisedQueries >= Self.maximumMinimisedQueries { enabled = false }
  }

  /// Send the full name from now on.
  mutating func stop() {
    enabled = false
  }
}
