public import PetrelDNS

/// Local zones on the query path: their answers are authoritative (AA), except referrals to a child zone.
extension LocalZones: LocalAnswering {
  public func localAnswer(_ question: Question) -> QueryAnswer? {
    guard let answer = answer(question) else { return nil }
    let referral = answer.rcode == .noError && answer.answers.isEmpty && answer.authorities.contains { $0.type == .ns }
    return QueryAnswer(
      rcode: answer.rcode, answers: answer.answers, authorities: answer.authorities, additionals: answer.additionals,
      authoritative: !referral)
  }
}
