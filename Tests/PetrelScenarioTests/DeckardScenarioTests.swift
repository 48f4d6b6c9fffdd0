import PetrelScenarioReplay
import Testing

/// Every Deckard scenario, in each QNAME minimisation mode it runs in, replayed against Petrel's resolver.
///
/// A run that fails names the file, the mode, the step and the difference. Runs listed in docs/conformance.md
/// as not passing are known issues (and fail the suite if they start passing, so the document stays true);
/// scenarios that need DNSSEC validation are skipped with the reason. If the scenario directory is missing, the
/// suite fails and says where it looked.
@Suite struct DeckardScenarioTests {
  @Test func theScenarioDirectoryIsBesideTheRepository() throws {
    let names = try ScenarioLocation.catalog.fileNames()
    #expect(names.contains("iter_resolve.rpl"))
  }

  @Test(arguments: try ScenarioLocation.runs())
  func scenario(_ run: ScenarioRun) async throws {
    let scenario = try ScenarioLocation.catalog.load(run.fileName)
    let known = try ConformanceDocument.load().knownFailures[run]
    switch await ScenarioRunner(scenario: scenario, mode: run.mode).run() {
    case .passed:
      if let known {
        Issue.record("\(run) passes now, but docs/conformance.md lists it as failing (\(known)): update the document")
      }
    case .skipped(let reason):
      // Swift Testing's console shows a cancelled test case as passed: the known issue makes the skip and its
      // reason visible there, the cancellation marks it as not run for tools that read the event stream.
      withKnownIssue("skipped") { Issue.record("\(run) skipped: \(reason)") }
      try Test.cancel("\(run): \(reason)")
    case .failed(let failure):
      if let known {
        withKnownIssue("\(run): \(known)") { Issue.record("\(run) \(failure)") }
      } else {
        Issue.record("\(run) \(failure)")
      }
    }
  }

  @Test func theConformanceDocumentHasTheTableOfThisRun() async throws {
    var summary = ConformanceSummary()
    var failing: Set<ScenarioRun> = []
    for run in try ScenarioLocation.runs() {
      let outcome = await ScenarioRunner(scenario: try ScenarioLocation.catalog.load(run.fileName), mode: run.mode)
        .run()
      summary.record(outcome, prefix: run.prefix, mode: run.mode)
      if case .failed = outcome { failing.insert(run) }
    }
    print(summary.markdownTable)
    let document = try ConformanceDocument.load()
    #expect(document.summaryTable == summary.markdownTable)
    #expect(Set(document.knownFailures.keys) == failing)
  }
}
