import PetrelDNS
import PetrelScenarioReplay
import Testing

@Suite struct ScenarioRunnerTests {
  static func run(_ text: String, mode: MinimisationMode = .on) async throws -> ScenarioOutcome {
    await ScenarioRunner(scenario: try InlineScenario.parse(text), mode: mode).run()
  }

  @Test(arguments: MinimisationMode.allCases)
  func aScenarioPetrelResolvesPasses(mode: MinimisationMode) async throws {
    #expect(try await Self.run(InlineScenario.resolving(steps: InlineScenario.queryAndCheck), mode: mode) == .passed)
  }

  @Test func aCheckThatDiffersFailsNamingTheStepLineAndDifference() async throws {
    let text = InlineScenario.resolving(
      steps: InlineScenario.queryAndCheck.replacingOccurrences(of: "IN A 10.20.30.40", with: "IN A 10.20.30.41"))
    guard case .failed(let failure) = try await Self.run(text) else {
      Issue.record("a wrong expectation passed")
      return
    }
    #expect(failure.step == 10)
    #expect(failure.line != nil)
    #expect(failure.message.contains("answer: expected"))
    #expect(failure.message.contains("10.20.30.41"))
    #expect(failure.message.contains("10.20.30.40"))
    #expect(failure.message.contains("upstream queries for that query:"))
  }

  @Test func anUpstreamQueryTheScenarioDoesNotAnswerFailsTheRun() async throws {
    let text = InlineScenario.resolving(
      steps: InlineScenario.queryAndCheck.replacingOccurrences(
        of: "www.example.com. IN A", with: "ftp.example.com. IN A")
    ).replacingOccurrences(
      of: "MATCH opcode subdomain\nADJUST copy_id copy_query\nREPLY QR NOERROR",
      with: "MATCH opcode qname\nADJUST copy_id copy_query\nREPLY QR NOERROR")
    guard case .failed(let failure) = try await Self.run(text, mode: .off) else {
      Issue.record("an unanswered upstream query passed")
      return
    }
    #expect(failure.step == 1)
    #expect(failure.message.contains("193.0.14.129 udp ftp.example.com. A → no entry matches"))
  }

  @Test func timePassesMovesTheCachesClock() async throws {
    // The answer (TTL 3600) is cached at step 1; an hour later the server is gone and the cache is empty.
    let steps =
      InlineScenario.queryAndCheck + """

        STEP 20 TIME_PASSES ELAPSE 3601
        STEP 30 QUERY
        ENTRY_BEGIN
        REPLY RD
        SECTION QUESTION
        www.example.com. IN A
        ENTRY_END
        STEP 40 CHECK_ANSWER
        ENTRY_BEGIN
        MATCH rcode
        REPLY SERVFAIL
        ENTRY_END
        """
    let text = InlineScenario.resolving(steps: steps).replacingOccurrences(
      of: "RANGE_BEGIN 0 100\n  ADDRESS 1.2.3.4", with: "RANGE_BEGIN 0 10\n  ADDRESS 1.2.3.4")
    guard case .failed(let failure) = try await Self.run(text, mode: .off) else {
      Issue.record("the expired answer was served")
      return
    }
    #expect(failure.step == 30)
    #expect(failure.message.contains("www.example.com. A → no entry matches"))
  }

  @Test func aCheckAfterARawQueryHasNoAnswerToCompare() async throws {
    let steps = """
      STEP 1 QUERY
      ENTRY_BEGIN
      RAW
      00010100000100000000000003777777076578616d706c6503636f6d0000010001
      ENTRY_END
      STEP 2 CHECK_ANSWER
      ENTRY_BEGIN
      MATCH rcode
      ENTRY_END
      """
    guard case .failed(let failure) = try await Self.run(InlineScenario.resolving(steps: steps)) else {
      Issue.record("a check passed with nothing to check")
      return
    }
    #expect(failure.step == 2)
    #expect(failure.message.contains("no answer from the preceding query"))
  }

  @Test(
    arguments: [
      (
        "trust-anchor: . IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D",
        "trust anchor"
      ),
      ("domain-insecure: example.com", "negative trust anchor"),
    ])
  func aScenarioThatNeedsValidationIsSkippedWithTheReason(config: String, reason: String) async throws {
    let outcome = try await Self.run(InlineScenario.resolving(config: config, steps: InlineScenario.queryAndCheck))
    guard case .skipped(let text) = outcome else {
      Issue.record("not skipped: \(outcome)")
      return
    }
    #expect(text.contains(reason))
  }

  @Test func aCheckForTheADBitIsSkipped() async throws {
    let steps = InlineScenario.queryAndCheck.replacingOccurrences(
      of: "REPLY QR RD RA NOERROR", with: "REPLY QR RD RA AD NOERROR")
    guard case .skipped(let reason) = try await Self.run(InlineScenario.resolving(steps: steps)) else {
      Issue.record("not skipped")
      return
    }
    #expect(reason.contains("step 10 expects the AD bit"))
  }

  @Test func aScenarioWithoutARootServerCannotBePlayed() async throws {
    let text = InlineScenario.resolving(steps: InlineScenario.queryAndCheck)
      .replacingOccurrences(of: "stub-addr: 193.0.14.129", with: "")
    guard case .failed(let failure) = try await Self.run(text) else {
      Issue.record("played without a root")
      return
    }
    #expect(failure.step == nil)
    #expect(failure.message.contains("no stub-addr"))
  }
}
