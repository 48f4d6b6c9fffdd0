/// A whole DNS message (RFC 1035 §4.1): header, question and the three record sections, with EDNS apart.
///
/// Every module speaks in terms of this value: the resolver builds queries and reads responses with it, the
/// server answers with it, the fuzzer and benchmark drive its codec. The OPT pseudo-record never appears in
/// `additionals`; its contents are `edns`, and `rcode` is always the full 12-bit code.
public struct Message: Sendable, Hashable {
  public var id: UInt16
  public var flags: MessageFlags
  public var opcode: Opcode
  public var rcode: RCode
  public var questions: [Question]
  public var answers: [ResourceRecord]
  public var authorities: [ResourceRecord]
  /// The additional records, without the OPT record (that is `edns`).
  public var additionals: [ResourceRecord]
  public var edns: EDNS?

  public init(
    id: UInt16 = 0, flags: MessageFlags = [], opcode: Opcode = .query, rcode: RCode = .noError,
    questions: [Question] = [], answers: [ResourceRecord] = [], authorities: [ResourceRecord] = [],
    additionals: [ResourceRecord] = [], edns: EDNS? = nil
  ) {
    self.id = id
    self.flags = flags
    self.opcode = opcode
    self.rcode = rcode
    self.questions = questions
    self.answers = answers
    self.authorities = authorities
    self.additionals = additionals
    self.edns = edns
  }

  /// A standard query for one name and type.
  public static func query(
    id: UInt16, name: DomainName, type: RRType, recursionDesired: Bool, edns: EDNS?
  ) -> Message {
    Message(
      id: id, flags: recursionDesired ? .rd : [], questions: [Question(name: name, type: type)], edns: edns)
  }

  /// The first question, which is the only one in practice.
  public var question: Question? { questions.first }

  /// The records of one section (the additional section without OPT).
  public func records(in section: MessageSection) -> [ResourceRecord] {
    switch section {
    case .question: []
    case .answer: answers
    case .authority: authorities
    case .additional: additionals
    }
  }
}
