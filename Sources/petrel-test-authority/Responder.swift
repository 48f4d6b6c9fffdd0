import PetrelDNS
import PetrelTestSupport

/// Turns one request into the response the configured server sends, or into silence.
///
/// Kept apart from the network handlers so that UDP and TCP share one decision, and so that the decision reads
/// as a list of the misbehaviour switches in the order they win.
struct Responder: Sendable {
  let zones: ZoneSet
  let misbehaviour: Misbehaviour

  /// The UDP payload size used when the request has no EDNS (RFC 1035 §4.2.1).
  static let classicUDPLimit = 512
  /// The largest UDP payload this server sends, whatever the client offers.
  static let maximumUDPPayload = 1232

  /// The response to `request`, or nil when the server stays silent.
  func respond(to request: Message, over transport: Transport) -> Message? {
    if misbehaviour.drop { return nil }
    var response = Message(
      id: request.id, flags: request.flags.intersection([.rd, .cd]).union(.qr), opcode: request.opcode,
      questions: request.questions, edns: request.edns.map { _ in EDNS(udpPayloadSize: UInt16(Self.maximumUDPPayload)) }
    )
    guard request.opcode == .query else {
      response.rcode = .notImp
      return response
    }
    guard request.questions.count == 1, let question = request.question, !request.flags.contains(.qr) else {
      response.rcode = .formErr
      return response
    }
    if misbehaviour.refuse {
      response.rcode = .refused
      return response
    }
    if misbehaviour.serverFailure {
      response.rcode = .servFail
      return response
    }
    if misbehaviour.truncateUDP && transport == .udp {
      response.flags.insert(.tc)
      return response
    }
    guard let zone = zones.zone(for: question) else {
      response.rcode = .refused
      return response
    }
    let answer = misbehaviour.lame ? zone.apexReferral() : zone.answer(question)
    response.rcode = answer.rcode
    if answer.authoritative && !misbehaviour.clearAuthoritative { response.flags.insert(.aa) }
    response.answers = answer.answers
    response.authorities = answer.authorities + misbehaviour.injectedAuthorities
    response.additionals = answer.additionals + misbehaviour.injectedAdditionals
    return response
  }

  /// The largest response allowed for `request` on `transport`.
  static func sizeLimit(for request: Message, over transport: Transport) -> Int {
    switch transport {
    case .tcp: 65535
    case .udp:
      request.edns.map { max(classicUDPLimit, min(Int($0.udpPayloadSize), maximumUDPPayload)) } ?? classicUDPLimit
    }
  }
}
