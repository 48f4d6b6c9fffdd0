import PetrelDNS

/// What the screen decided about one candidate response.
enum ResponseVerdict: Sendable {
  case accepted(Message)
  /// Thrown away; `malformation` is set when the message had the query's ID but would not decode.
  case rejected(RejectionReason, malformation: DNSWireError?)
}

/// The checks every response passes before the transport hands it to the resolver: the query's ID, the QR bit,
/// and a clean decode.
///
/// The source address is checked apart (only UDP needs it). A truncated (TC) response that will not decode in
/// full, as some servers cut it mid-record, is still accepted as its header and question: all the resolver needs
/// from it is the instruction to retry over TCP.
struct ResponseScreen: Sendable {
  let queryID: UInt16

  func inspect(_ bytes: UnsafeRawBufferPointer) -> ResponseVerdict {
    guard bytes.count >= 2 else { return .rejected(.undecodable, malformation: nil) }
    guard UInt16(bytes[0]) << 8 | UInt16(bytes[1]) == queryID else { return .rejected(.wrongID, malformation: nil) }
    let header: MessageHeader
    do throws(DNSWireError) {
      header = try MessageHeader(decoding: bytes)
    } catch {
      return .rejected(.undecodable, malformation: error)
    }
    guard header.flags.contains(.qr) else { return .rejected(.notResponse, malformation: nil) }
    do throws(DNSWireError) {
      return .accepted(try Message(decoding: bytes))
    } catch {
      if header.flags.contains(.tc), let standIn = Self.truncatedStandIn(bytes, header: header) {
        return .accepted(standIn)
      }
      return .rejected(.undecodable, malformation: error)
    }
  }

  /// The header and question of a truncated response whose records were cut off.
  private static func truncatedStandIn(_ bytes: UnsafeRawBufferPointer, header: MessageHeader) -> Message? {
    guard let peek = try? QueryPeek(decoding: bytes) else { return nil }
    return Message(
      id: header.id, flags: header.flags, opcode: header.opcode, rcode: header.rcode,
      questions: peek.question.map { [$0] } ?? [])
  }
}
