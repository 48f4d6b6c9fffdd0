public import PetrelDNS

/// What petreld does with a client's datagram before any resolution, mirrored for the replay: which datagrams
/// are dropped, which are answered at once with an error, and which reach the resolver.
///
/// The rules are those of `ScannedQuery` and `QueryHandler` in PetrelServer: too short or a response (QR) is
/// dropped; an opcode other than QUERY gets NOTIMP; not exactly one question, or a message that does not decode,
/// gets FORMERR; EDNS version above 0 gets BADVERS; a question of type OPT gets FORMERR, AXFR, IXFR or a class
/// other than IN gets REFUSED.
public enum ClientQueryAdmission: Sendable, Equatable {
  /// No answer at all.
  case drop
  /// Answer at once with this rcode.
  case refuse(RCode)
  /// Resolve this question for this query.
  case resolve(Message, Question)

  public static func admit(_ bytes: [UInt8]) -> ClientQueryAdmission {
    guard bytes.count >= MessageHeader.length else { return .drop }
    guard bytes[2] & 0x80 == 0 else { return .drop }
    guard (bytes[2] >> 3) & 0x0F == Opcode.query.rawValue else { return .refuse(.notImp) }
    guard let query = try? Message(decoding: bytes), query.questions.count == 1, let question = query.question else {
      return .refuse(.formErr)
    }
    if let edns = query.edns, edns.version > 0 { return .refuse(.badVers) }
    switch question.type {
    case .opt: return .refuse(.formErr)
    case .axfr, .ixfr: return .refuse(.refused)
    default: break
    }
    guard question.rrClass == .internet else { return .refuse(.refused) }
    return .resolve(query, question)
  }
}
