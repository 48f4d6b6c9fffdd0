import PetrelDNS
import PetrelResolver
import Testing

@testable import PetrelServer

/// Trust anchors are accepted for harnesses and configurations written for validating resolvers; only DS and
/// DNSKEY records are, and a bad one is refused with its key or file line.
@Suite struct TrustAnchorTests {
  static let rootDS = ". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D"

  @Test func inlineAnchorsAndNegativeAnchorsAreRead() throws {
    let configuration = try ServerConfiguration(
      yaml: """
        resolver:
          trust-anchors:
            - "\(Self.rootDS)"
          negative-trust-anchors: [insecure.example., lab.test.]
        """)
    #expect(configuration.resolver.trustAnchors.map(\.type) == [.ds])
    #expect(configuration.resolver.trustAnchors.first?.name == .root)
    #expect(configuration.resolver.negativeTrustAnchors.map(\.description) == ["insecure.example.", "lab.test."])
  }

  @Test func anAnchorThatIsNotDSOrDNSKEYIsRefusedWithItsKey() {
    #expect {
      try ServerConfiguration(
        yaml: """
          resolver:
            trust-anchors: [". IN A 192.0.2.1"]
          """)
    } throws: { error in
      guard let error = error as? ConfigurationError else { return false }
      return error.key == "resolver.trust-anchors[0]" && error.line == 2
        && error.message.contains("a trust anchor is a DS or DNSKEY record, not A")
    }
  }

  @Test func theTextReaderNamesTheLineOfABadRecord() {
    #expect {
      try TrustAnchorSetting.records(fromText: "\(Self.rootDS)\nexample. IN NS ns.example.\n", fileName: "anchors")
    } throws: { error in
      guard let error = error as? PresentationError else { return false }
      return error.line == 2 && error.file == "anchors"
    }
    #expect(throws: PresentationError.self) { try TrustAnchorSetting.records(fromText: "; nothing\n") }
  }

  @Test func commandLineAnchorsAddToTheFileAndHardenGlueCanBeTurnedOff() throws {
    var options = DaemonOptions()
    options.trustAnchors = [Self.rootDS]
    options.negativeTrustAnchors = ["insecure.example."]
    options.hardenGlue = false
    let configuration = try options.configuration()
    #expect(configuration.resolver.trustAnchors.count == 1)
    #expect(configuration.resolver.negativeTrustAnchors.map(\.description) == ["insecure.example."])
    #expect(configuration.resolver.hardenGlue == false)
    options.negativeTrustAnchors = ["bad..name"]
    #expect(throws: (any Error).self) { try options.configuration() }
  }
}
