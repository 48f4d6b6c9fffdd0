import Testing

@testable import PetrelDNS

/// Responses captured from a real server (Debian's nsd, serving `Fixtures/nsd/every-type.zone`), decoded by
/// PetrelDNS and printed: the text must be what `dig` printed for the same question.
@Suite struct CapturedResponseTests {
  @Test func everyQueryOfTheCaptureScriptHasAFixture() {
    #expect(Fixtures.capturedResponses.count >= 29)
  }

  @Test(arguments: Fixtures.capturedResponses)
  func decodesAndPrintsAsDig(stem: String) throws {
    let wire = try Fixtures.bytes("nsd/responses/\(stem).bin")
    let expected = try Fixtures.text("nsd/responses/\(stem).txt")
    let message = try Message(decoding: wire)
    #expect(message.flags.contains(.qr))
    #expect(message.flags.contains(.aa))
    #expect(message.edns?.udpPayloadSize != nil)
    let printed = (message.answers + message.authorities + message.additionals).map(\.presentation)
    #expect(printed.map(normalised) == expected.split(separator: "\n").map { normalised(String($0)) })
  }

  @Test(arguments: Fixtures.capturedResponses)
  func reEncodesToAnEqualMessage(stem: String) throws {
    let wire = try Fixtures.bytes("nsd/responses/\(stem).bin")
    let message = try Message(decoding: wire)
    let encoded = try message.encode()
    #expect(try Message(decoding: encoded) == message)
    // nsd compresses every name it may; so do we, so we are never larger.
    #expect(encoded.count <= wire.count)
  }

  @Test(arguments: Fixtures.capturedResponses)
  func everyRecordParsesBackFromItsPresentation(stem: String) throws {
    let message = try Message(decoding: try Fixtures.bytes("nsd/responses/\(stem).bin"))
    for record in message.answers + message.authorities + message.additionals {
      var parser = ZoneFileParser(text: record.presentation)
      #expect(try parser.parseAll() == [record])
    }
  }

  /// dig separates owner, TTL, class and type with tabs padded to columns; only the fields matter.
  private func normalised(_ line: String) -> String {
    line.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
  }
}
