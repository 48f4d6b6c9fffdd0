// libFuzzer entry point for the PetrelDNS message decoder, compiled together with the PetrelDNS sources by
// Fuzz/run (not part of the Swift package). Beyond "never traps", it checks two properties on every input:
// the fast-path QueryPeek agrees with the full decoder, and a decoded message survives encode → decode
// unchanged.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMessageDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = UnsafeRawBufferPointer(start: data, count: size)
  let peek = try? QueryPeek(decoding: bytes)
  guard let message = try? Message(decoding: bytes) else { return 0 }
  if let peek {
    precondition(peek.header.id == message.id, "QueryPeek and Message disagree on the ID")
    precondition(peek.question == message.questions.first, "QueryPeek and Message disagree on the question")
  }
  // Messages whose extended rcode needs EDNS but lost it cannot be re-encoded; that is a typed error.
  guard let encoded = try? message.encode() else { return 0 }
  do {
    let again = try Message(decoding: encoded)
    precondition(again == message, "encode → decode changed the message")
  } catch {
    preconditionFailure("a message PetrelDNS encoded does not decode: \(error)")
  }
  for record in message.answers + message.authorities + message.additionals {
    _ = record.presentation
  }
  return 0
}
