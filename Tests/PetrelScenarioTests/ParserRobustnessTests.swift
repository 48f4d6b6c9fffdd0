import PetrelScenarioReplay
import Testing

@Suite struct ParserRobustnessTests {
  /// SplitMix64, so that every mutated file can be reproduced from its seed.
  struct Seeded: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// Cut, duplicated and scrambled lines of a real scenario parse or fail with a located error; the runner plays
  /// whatever parses without trapping.
  @Test(arguments: 0..<40)
  func mangledScenarioTextNeverTraps(seed: UInt64) async {
    var random = Seeded(state: seed)
    var lines = InlineScenario.resolving(steps: InlineScenario.queryAndCheck).split(
      separator: "\n", omittingEmptySubsequences: false
    ).map(String.init)
    for _ in 0..<Int.random(in: 1...6, using: &random) {
      let index = Int.random(in: 0..<lines.count, using: &random)
      switch Int.random(in: 0..<4, using: &random) {
      case 0: lines.remove(at: index)
      case 1: lines.insert(lines[Int.random(in: 0..<lines.count, using: &random)], at: index)
      case 2: lines[index] = String(lines[index].shuffled(using: &random))
      default: lines[index] = String(lines[index].prefix(Int.random(in: 0...lines[index].count, using: &random)))
      }
    }
    do {
      let scenario = try ScenarioParser.parse(lines.joined(separator: "\n"), fileName: "mangled.rpl")
      _ = await ScenarioRunner(scenario: scenario, mode: seed % 2 == 0 ? .on : .off).run()
    } catch {
      #expect(error.file == "mangled.rpl")
      #expect((1...lines.count + 1).contains(error.line))
    }
  }
}
