import PetrelDNS

/// What the tests read from a response, in the presentation form their expectations are written in.
extension Message {
  /// The RDATA of the answer records of `type`, as `dig` prints them, in any order.
  func answerData(_ type: RRType) -> Set<String> {
    Set(answers.filter { $0.type == type }.map(\.rdata.presentation))
  }

  /// The records of `type` in `section`.
  func records(_ type: RRType, in section: MessageSection) -> [ResourceRecord] {
    records(in: section).filter { $0.type == type }
  }

  /// The extended DNS errors the response carries.
  var extendedErrors: [ExtendedDNSError] {
    (edns?.options ?? []).compactMap { option in
      if case .extendedError(let error) = option { return error }
      return nil
    }
  }

  /// Every A record in any section, to look for injected data.
  var allAddresses: Set<String> {
    Set((answers + authorities + additionals).filter { $0.type == .a }.map(\.rdata.presentation))
  }

  /// A one-line summary for failure messages.
  var summary: String {
    "\(rcode) answers=\(answers.map(\.presentation)) authority=\(authorities.map(\.presentation))"
  }
}
