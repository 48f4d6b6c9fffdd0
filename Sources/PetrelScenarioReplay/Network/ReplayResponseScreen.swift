import PetrelDNS
import PetrelResolver

/// The checks Petrel's real transport makes on a datagram before the resolver sees it, applied to a scripted
/// reply so that the replay hands the resolver exactly what the network would.
///
/// Mirrors `ResponseScreen` in PetrelResolver's NIO transport: a datagram too short for an ID, with another
/// ID, or without QR is discarded (the query then times out); one with the right ID that does not decode is a
/// malformed response, except a truncated one whose header and question still read, which stands in for the
/// whole (all the resolver needs of it is the TC bit).
enum ReplayResponseScreen {
  static func screen(_ bytes: [UInt8], queryID: UInt16) -> Result<UpstreamReply, UpstreamError> {
    guard bytes.count >= 2, UInt16(bytes[0]) << 8 | UInt16(bytes[1]) == queryID else { return .failure(.timeout) }
    let decoded = Result { () throws(DNSWireError) -> Message in try Message(decoding: bytes) }
    let header = bytes.withUnsafeBytes { try? MessageHeader(decoding: $0) }
    if let header, !header.flags.contains(.qr) { return .failure(.timeout) }
    switch decoded {
    case .success(let message):
      return .success(UpstreamReply(message: message, roundTrip: .milliseconds(10), size: bytes.count))
    case .failure(let error):
      guard let header, header.flags.contains(.tc),
        let peek = bytes.withUnsafeBytes({ try? QueryPeek(decoding: $0) })
      else { return .failure(.malformed(error)) }
      let standIn = Message(
        id: header.id, flags: header.flags, opcode: header.opcode, rcode: header.rcode,
        questions: peek.question.map { [$0] } ?? [])
      return .success(UpstreamReply(message: standIn, roundTrip: .milliseconds(10), size: bytes.count))
    }
  }
}
