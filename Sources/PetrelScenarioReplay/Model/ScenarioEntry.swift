public import PetrelDNS

/// One `ENTRY_BEGIN` … `ENTRY_END` block: a message (header bits, question, records, or raw octets) and the
/// rules for matching a message against it and for turning it into a reply.
///
/// The same shape serves a fake server's candidate answer, a client query, an expected answer and a one-shot
/// reply, as in Deckard.
public struct ScenarioEntry: Sendable {
  /// Where `ENTRY_BEGIN` is.
  public var line: Int
  /// The `MATCH` fields, expanded (`all` and `question` into their parts); nil when the entry has no `MATCH`
  /// line and so matches every message.
  public var match: Set<MatchField>?
  /// The `ADJUST` options.
  public var adjust: Set<AdjustOption>
  /// Header bits from the `REPLY` line (`QR AA TC RD RA AD CD`).
  public var flags: MessageFlags
  public var rcode: RCode
  public var opcode: Opcode
  /// `DO` on the `REPLY` line: the EDNS DNSSEC OK bit.
  public var dnssecOK: Bool
  public var questions: [Question]
  public var answers: [ResourceRecord]
  public var authorities: [ResourceRecord]
  public var additionals: [ResourceRecord]
  /// `RAW`: octets sent as they are instead of a message.
  public var raw: [UInt8]?

  public init(
    line: Int, match: Set<MatchField>? = nil, adjust: Set<AdjustOption> = [], flags: MessageFlags = [],
    rcode: RCode = .noError, opcode: Opcode = .query, dnssecOK: Bool = false, questions: [Question] = [],
    answers: [ResourceRecord] = [], authorities: [ResourceRecord] = [], additionals: [ResourceRecord] = [],
    raw: [UInt8]? = nil
  ) {
    self.line = line
    self.match = match
    self.adjust = adjust
    self.flags = flags
    self.rcode = rcode
    self.opcode = opcode
    self.dnssecOK = dnssecOK
    self.questions = questions
    self.answers = answers
    self.authorities = authorities
    self.additionals = additionals
    self.raw = raw
  }

  public var question: Question? { questions.first }
}

/// What a `MATCH` line may compare (Deckard's `matchpart.py`, plus the transport as in Unbound's testbound).
public enum MatchField: String, Sendable, Hashable, CaseIterable, Comparable {
  case opcode, qtype, qname
  /// The query name, letter case included.
  case qcase
  /// The message's name is at or below the entry's.
  case subdomain
  /// The header bits QR AA TC RD RA AD CD, all of them.
  case flags
  case rcode
  /// Records compared as sets, TTLs ignored, as Deckard does.
  case answer, authority, additional
  /// The answer section with TTLs compared too.
  case ttl
  /// The query came over TCP, or over UDP.
  case tcp, udp

  public static func < (left: MatchField, right: MatchField) -> Bool {
    allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
  }

  /// The fields one word of a `MATCH` line stands for: `all` is everything but the transport and letter case,
  /// `question` is `qtype qname`; nil for a word that is not a match field.
  public static func expanding(_ word: String) -> [MatchField]? {
    switch word.lowercased() {
    case "all": [.opcode, .qtype, .qname, .flags, .rcode, .answer, .authority, .additional]
    case "question": [.qtype, .qname]
    case let lowered: MatchField(rawValue: lowered).map { [$0] }
    }
  }
}

/// How a reply is built from an entry (`ADJUST`).
public enum AdjustOption: String, Sendable, Hashable, CaseIterable {
  /// Take the query's ID (and the letter case of its name).
  case copyID = "copy_id"
  /// Take the query's question.
  case copyQuery = "copy_query"
  /// Write the query's ID into the first two octets of a `RAW` reply.
  case rawID = "raw_id"
  /// Send nothing: the query times out.
  case doNotAnswer = "do_not_answer"
}
