import PetrelTestSupport
import Testing

@testable import PetrelDNS

@Suite struct MessagePropertyTests {
  /// Decodes `bytes` the two ways and checks what must hold whenever decoding succeeds: the message
  /// re-encodes, decodes back to itself, and `QueryPeek` sees the same first question.
  /// Returns the error when the bytes were not a message (a typed error is the only other outcome).
  @discardableResult
  static func checkDecoding(_ bytes: [UInt8], _ context: String) -> DNSWireError? {
    let peek = bytes.withUnsafeBytes { raw in Result { () throws(DNSWireError) in try QueryPeek(decoding: raw) } }
    let message: Message
    do {
      message = try Message(decoding: bytes)
    } catch {
      return error
    }
    do {
      let again = try Message(decoding: message.encode())
      #expect(again == message, "\(context)")
    } catch {
      Issue.record("\(context): a decoded message does not re-encode: \(error)")
    }
    switch peek {
    case .success(let peek):
      #expect(peek.question == message.question, "\(context)")
      #expect(peek.header.id == message.id && peek.header.flags == message.flags, "\(context)")
    case .failure(let error):
      Issue.record("\(context): QueryPeek failed on a valid message: \(error)")
    }
    return nil
  }

  /// The error's case name, without its associated values.
  static func kind(_ error: DNSWireError) -> String {
    Mirror(reflecting: error).children.first?.label ?? error.description
  }

  @Test func randomValidMessagesRoundTrip() throws {
    var generator = RandomMessages(seed: 0x5EED_0001)
    for iteration in 0..<2_000 {
      let message = generator.message()
      let bytes = try message.encode()
      let decoded = try Message(decoding: bytes)
      #expect(decoded == message, "iteration \(iteration)")
      #expect(try decoded.encode() == bytes, "iteration \(iteration)")
      let peek = try bytes.withUnsafeBytes { try QueryPeek(decoding: $0) }
      #expect(peek.question == message.question, "iteration \(iteration)")
      #expect(peek.header.answerCount == message.answers.count)
      #expect(peek.header.additionalCount == message.additionals.count + (message.edns == nil ? 0 : 1))
      #expect(peek.header.rcode.rawValue == message.rcode.rawValue & 0x0F)
    }
  }

  @Test func randomBytesNeverTrap() {
    var rng = SplitMix64(seed: 0x5EED_0002)
    var kinds: Set<String> = []
    for iteration in 0..<20_000 {
      var bytes = rng.bytes(Int.random(in: 0...200, using: &rng))
      // Small counts in half of the inputs, so that decoding gets past the header.
      if iteration % 2 == 0 && bytes.count >= 12 {
        for index in [4, 6, 8, 10] { bytes[index] = 0 }
        for index in [5, 7, 9, 11] { bytes[index] &= 0x03 }
      }
      if let error = Self.checkDecoding(bytes, "random input \(iteration): \(bytes)") { kinds.insert(Self.kind(error)) }
    }
    // The generator is fixed, so this set is too; it shows the inputs reach past the header into every section.
    #expect(kinds.isSuperset(of: ["truncated", "sectionCountMismatch", "trailingBytes", "badLabelType"]), "\(kinds)")
  }

  @Test func mutatedMessagesNeverTrap() throws {
    var generator = RandomMessages(seed: 0x5EED_0003)
    var rng = SplitMix64(seed: 0x5EED_0004)
    var decoded = 0
    var refused = 0
    var kinds: Set<String> = []
    var originals: [[UInt8]] = []
    for _ in 0..<200 { originals.append(try generator.message().encode()) }
    for iteration in 0..<20_000 {
      var bytes = originals[iteration % originals.count]
      let position = Int.random(in: 0..<bytes.count, using: &rng)
      bytes[position] = UInt8.random(in: 0...255, using: &rng)
      if let error = Self.checkDecoding(bytes, "mutation \(iteration) at \(position): \(bytes)") {
        refused += 1
        kinds.insert(Self.kind(error))
      } else {
        decoded += 1
      }
    }
    #expect(decoded > 1_000)
    #expect(refused > 1_000)
    #expect(kinds.count >= 8, "\(kinds)")
  }
}
