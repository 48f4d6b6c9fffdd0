import PetrelTestSupport
import Testing

@testable import PetrelDNS

@Suite struct TTLTextTests {
  @Test(
    arguments: [
      ("0", 0), ("3600", 3600), ("1h", 3600), ("1h30m", 5400), ("2w", 1_209_600), ("1d", 86400), ("1D2H3M4S", 93784),
      ("90s", 90), ("1m1m", 120), ("2147483647", 2_147_483_647), ("3550w5d3h14m7s", 2_147_483_647), ("007", 7),
    ] as [(String, UInt32)])
  func parses(text: String, seconds: UInt32) throws {
    #expect(try TTLText.parse(text) == seconds)
  }

  @Test(arguments: [
    ("", TTLTextError.empty),
    ("h", .expectedNumber("h", position: 1)),
    ("1hm", .expectedNumber("1hm", position: 3)),
    ("1y", .unknownUnit("1y", unit: "y", position: 2)),
    ("1h é", .unexpectedCharacter("1h é", " ", position: 3)),
    ("1hé", .unexpectedCharacter("1hé", "é", position: 3)),
    ("1é", .unknownUnit("1é", unit: "é", position: 2)),
    ("1h30", .missingUnit("1h30")),
    ("2147483648", .tooLarge("2147483648")),
    ("3550w5d3h14m8s", .tooLarge("3550w5d3h14m8s")),
    ("99999999999999999999999", .tooLarge("99999999999999999999999")),
    ("-1", .unexpectedCharacter("-1", "-", position: 1)),
  ])
  func rejects(text: String, error: TTLTextError) {
    #expect(throws: error) { try TTLText.parse(text) }
  }

  @Test(
    arguments: [(0, "0s"), (59, "59s"), (3600, "1h"), (5400, "1h30m"), (93784, "1d2h3m4s"), (1_209_601, "2w1s")]
      as [(UInt32, String)])
  func formats(seconds: UInt32, text: String) {
    #expect(TTLText.format(seconds) == text)
  }

  @Test func formatReadsBack() throws {
    var random = SplitMix64(seed: 7)
    let samples = (0..<2000).map { _ in UInt32.random(in: 0...TTLText.maximum, using: &random) } + [TTLText.maximum]
    for seconds in samples {
      #expect(try TTLText.parse(TTLText.format(seconds)) == seconds)
    }
  }
}
