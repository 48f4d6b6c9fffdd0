import Testing

@testable import PetrelDNS

/// Checks the SOA … TLSA codecs against what dig itself printed for a zone served by nsd: the typed text
/// (`rdata-basic.dig`) and the RFC 3597 generic form of the same records (`rdata-basic-generic.dig`), which
/// carries their exact wire octets.
@Suite struct RDataBasicDigFixtureTests {
  /// One answer line of dig: owner, type and RDATA text (fields are tab-separated, RDATA last).
  private struct DigLine {
    var owner: String
    var type: String
    var rdata: String
  }

  private static func digLines(_ resource: String) throws -> [DigLine] {
    let text = try Fixtures.text("\(resource).dig")
    return text.split(separator: "\n").filter { !$0.hasPrefix(";") }.map { line in
      let fields = line.split(separator: "\t", omittingEmptySubsequences: true).map(String.init)
      return DigLine(owner: fields[0], type: fields[3], rdata: fields[4...].joined(separator: "\t"))
    }
  }

  private static let basicTypes: Set<RRType> = [.soa, .mx, .txt, .srv, .naptr, .caa, .hinfo, .sshfp, .tlsa]

  @Test func matchesDigOutputAndWireOctets() throws {
    let typed = try Self.digLines("rdata-basic")
    let generic = try Self.digLines("rdata-basic-generic")
    try #require(typed.count == generic.count)
    var checked = 0
    for (text, wire) in zip(typed, generic) {
      #expect(text.owner == wire.owner)
      let type = try #require(RRType(mnemonic: text.type))
      #expect(RRType(mnemonic: wire.type) == type)
      guard Self.basicTypes.contains(type) else { continue }
      let fromWire = try RData(type: type, presentation: wire.rdata)
      let fromText = try RData(type: type, presentation: text.rdata)
      #expect(fromWire.presentation == text.rdata, "\(text.owner) \(type)")
      #expect(fromText == fromWire, "\(text.owner) \(type)")
      // The generic form is the uncompressed wire form: encoding without earlier names must give it back,
      // except for SOA, whose second name shares a suffix with its first.
      var writer = WireWriter()
      fromText.encode(to: &writer)
      if type != .soa {
        let hexFields = wire.rdata.split(separator: " ").dropFirst(2).joined()
        #expect(PresentationText.decodeHex(Array(hexFields.utf8)) == writer.bytes, "\(text.owner) \(type)")
      }
      checked += 1
    }
    #expect(checked == 26)
  }
}
