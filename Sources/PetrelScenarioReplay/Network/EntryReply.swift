public import PetrelDNS

/// What a fake server sends back for one query.
public enum ScriptedReply: Sendable, Equatable {
  /// Nothing at all (`ADJUST do_not_answer`): the query times out.
  case silence
  /// These octets.
  case octets([UInt8])
  /// The entry cannot be put on the wire (an extended rcode without EDNS, say): a bug in the scenario.
  case unencodable(String)
}

extension ScenarioEntry {
  /// The reply to `query` as Deckard builds it: a `RAW` entry's octets (with the query's ID written in for
  /// `raw_id`); otherwise the entry's message, with `copy_id` taking the query's ID and question name and
  /// `copy_query` its whole question, and EDNS echoed from the query (DO bit included) when either applies.
  public func reply(to query: Message) -> ScriptedReply {
    if adjust.contains(.doNotAnswer) { return .silence }
    if var raw {
      if adjust.contains(.rawID) && raw.count >= 2 {
        raw[0] = UInt8(truncatingIfNeeded: query.id >> 8)
        raw[1] = UInt8(truncatingIfNeeded: query.id)
      }
      return .octets(raw)
    }
    let copyID = adjust.contains(.copyID)
    let copyQuery = adjust.contains(.copyQuery)
    var message = Message(
      id: copyID ? query.id : 0, flags: flags, opcode: opcode, rcode: rcode, questions: questions,
      answers: answers, authorities: authorities, additionals: additionals,
      edns: EDNS(udpPayloadSize: 4096, dnssecOK: dnssecOK))
    if copyID || copyQuery {
      message.edns = query.edns.map { EDNS(udpPayloadSize: 1232, dnssecOK: $0.dnssecOK) }
    }
    if copyID, !message.questions.isEmpty, let asked = query.question {
      message.questions[0].name = asked.name
    }
    if copyQuery { message.questions = query.questions }
    do {
      return .octets(try message.encode(maxSize: 65_535))
    } catch {
      return .unencodable("entry at line \(line) cannot be encoded: \(error)")
    }
  }
}
