import PetrelDNS

/// The first gate a response passes: is it the answer to the query we sent?
///
/// The transport has already checked the source address and port; this checks what an off-path attacker must
/// also guess: the ID, and the question echoed back (name compared without regard to case, type, class). A
/// reply that fails is a forgery or a confused server and is never read further.
struct ResponseAcceptance {
  /// Why `response` is not the answer to `query`, or nil when it is.
  static func rejection(of response: Message, for query: Message) -> String? {
    guard response.flags.contains(.qr) else { return "not a response (QR clear)" }
    guard response.id == query.id else { return "ID \(response.id) does not match query ID \(query.id)" }
    guard response.opcode == query.opcode else { return "opcode \(response.opcode) does not match the query" }
    guard let asked = query.question else { return "query without a question" }
    if response.questions.isEmpty {
      // Old servers answer FORMERR to EDNS without echoing the question; nothing else may omit it.
      return response.rcode == .formErr ? nil : "response without a question"
    }
    guard response.questions.count == 1, let echoed = response.question else {
      return "response with \(response.questions.count) questions"
    }
    guard echoed.name == asked.name, echoed.type == asked.type, echoed.rrClass == asked.rrClass else {
      return "question \(echoed) does not match the query's \(asked)"
    }
    return nil
  }
}
