public import PetrelDNS

/// One `MATCH` field on which a message differs from an entry, with both sides as text.
public struct MatchMismatch: Sendable, Equatable, CustomStringConvertible {
  public var field: MatchField
  public var expected: String
  public var got: String

  public var description: String { "\(field): expected \(expected), got \(got)" }
}

extension ScenarioEntry {
  /// Where `message` differs from this entry on the entry's `MATCH` fields (empty when it matches), as
  /// Deckard's `matchpart.py` compares: names without regard to case (except `qcase`), the question fields only
  /// when the entry has a question, record sections as sets of records with TTLs ignored (except `ttl`).
  ///
  /// - Parameter overTCP: how the message travelled, for `tcp` and `udp`; nil when it does not apply.
  public func mismatches(_ message: Message, overTCP: Bool? = nil) -> [MatchMismatch] {
    guard let match else { return [] }
    return match.sorted().compactMap { field in mismatch(field, message, overTCP: overTCP) }
  }

  /// Whether `message` matches every `MATCH` field.
  public func matches(_ message: Message, overTCP: Bool? = nil) -> Bool {
    mismatches(message, overTCP: overTCP).isEmpty
  }

  private func mismatch(_ field: MatchField, _ message: Message, overTCP: Bool?) -> MatchMismatch? {
    func differs(_ expected: String, _ got: String) -> MatchMismatch {
      MatchMismatch(field: field, expected: expected, got: got)
    }
    let got = message.question
    switch field {
    case .opcode:
      return opcode == message.opcode ? nil : differs("\(opcode)", "\(message.opcode)")
    case .qtype:
      guard let question else { return nil }
      return got?.type == question.type ? nil : differs("\(question.type)", got.map { "\($0.type)" } ?? "no question")
    case .qname:
      guard let question else { return nil }
      return got?.name == question.name ? nil : differs("\(question.name)", got.map { "\($0.name)" } ?? "no question")
    case .qcase:
      guard let question else { return nil }
      return got?.name.wire == question.name.wire
        ? nil : differs("\(question.name)", got.map { "\($0.name)" } ?? "no question")
    case .subdomain:
      guard let question else { return nil }
      return got.map { $0.name.isSubdomain(of: question.name) } == true
        ? nil : differs("a name at or below \(question.name)", got.map { "\($0.name)" } ?? "no question")
    case .flags:
      let mask: MessageFlags = [.qr, .aa, .tc, .rd, .ra, .ad, .cd]
      let (wanted, actual) = (flags.intersection(mask), message.flags.intersection(mask))
      return wanted == actual ? nil : differs("[\(wanted)]", "[\(actual)]")
    case .rcode:
      return rcode == message.rcode ? nil : differs("\(rcode)", "\(message.rcode)")
    case .answer:
      return Self.compare(answers, message.answers, withTTL: false).map { differs($0.expected, $0.got) }
    case .authority:
      return Self.compare(authorities, message.authorities, withTTL: false).map { differs($0.expected, $0.got) }
    case .additional:
      return Self.compare(additionals, message.additionals, withTTL: false).map { differs($0.expected, $0.got) }
    case .ttl:
      return Self.compare(answers, message.answers, withTTL: true).map { differs($0.expected, $0.got) }
    case .tcp:
      guard let overTCP else { return nil }
      return overTCP ? nil : differs("TCP", "UDP")
    case .udp:
      guard let overTCP else { return nil }
      return overTCP ? differs("UDP", "TCP") : nil
    }
  }

  /// The two sections as text when they do not hold the same records (each record of one is in the other and
  /// they are as long), nil when they do.
  private static func compare(_ expected: [ResourceRecord], _ got: [ResourceRecord], withTTL: Bool)
    -> (expected: String, got: String)?
  {
    func key(_ record: ResourceRecord) -> ResourceRecord {
      var record = record
      if !withTTL { record.ttl = 0 }
      return record
    }
    let wanted = expected.map(key)
    let actual = got.map(key)
    if wanted.count == actual.count && wanted.allSatisfy(actual.contains) && actual.allSatisfy(wanted.contains) {
      return nil
    }
    return (sectionText(expected), sectionText(got))
  }

  static func sectionText(_ records: [ResourceRecord]) -> String {
    records.isEmpty ? "(nothing)" : "\n    " + records.map(\.presentation).joined(separator: "\n    ")
  }
}
