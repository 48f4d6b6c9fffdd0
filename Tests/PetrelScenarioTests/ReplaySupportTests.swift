import PetrelDNS
import PetrelResolver
import PetrelScenarioReplay
import Testing

@Suite struct ReplaySupportTests {
  @Test func theResolverIsConfiguredFromTheScenario() throws {
    let scenario = try InlineScenario.parse(
      InlineScenario.resolving(
        config: "harden-glue: no\ndo-ip6: no\nfeatures: max_ttl = 600\nval-override-date: 20180601000000",
        steps: ""))
    let configuration = ReplayResolverSetup.configuration(for: scenario, mode: .off)
    #expect(configuration.rootHints.nameservers == [name("K.ROOT-SERVERS.NET.")])
    #expect(configuration.rootHints.addresses[name("K.ROOT-SERVERS.NET.")]?.map(\.description) == ["193.0.14.129"])
    #expect(!configuration.qnameMinimisation)
    #expect(!configuration.hardenGlue)
    #expect(!configuration.queryIPv6)
    #expect(configuration.maximumTTL == 600)
    #expect(configuration.dontQuery.map(\.description) == ["127.0.0.0/8", "::1/128"])
    #expect(ReplayResolverSetup.startTime(for: scenario) == 1_527_811_200)
    #expect(ReplayResolverSetup.configuration(for: scenario, mode: .on).qnameMinimisation)
  }

  @Test func theCatalogIsBesideTheRepositoryAndAMissingOneIsAClearError() throws {
    #expect(ScenarioCatalog(besideRepository: "/src/petrel/").directory == "/src/shared/scenarios/deckard")
    let missing = ScenarioCatalog(directory: "/nonexistent/shared/scenarios/deckard")
    let error = try #require(throws: ScenarioCatalog.Failure.self) { try missing.fileNames() }
    #expect(error.description.contains("the Deckard scenarios are missing"))
    #expect(error.description.contains("/nonexistent/shared/scenarios/deckard"))
  }

  @Test func theSummaryCountsPerPrefixAndMode() {
    var summary = ConformanceSummary()
    summary.record(.passed, prefix: "iter", mode: .on)
    summary.record(.failed(ScenarioFailure(message: "x")), prefix: "iter", mode: .on)
    summary.record(.skipped("y"), prefix: "val", mode: .off)
    #expect(summary.total(.on) == ConformanceSummary.Counts(passed: 1, failed: 1, skipped: 0))
    #expect(
      summary.markdownTable == """
        | prefix | qmin on: passed / failed / skipped | qmin off: passed / failed / skipped |
        | --- | --- | --- |
        | `iter_` | 1 / 1 / 0 | – |
        | `val_` | – | 0 / 0 / 1 |
        | **total** | 1 / 1 / 0 | 0 / 0 / 1 |
        """)
  }

  @Test func runsAreNamedByFileAndMode() {
    let run = ScenarioRun(fileName: "iter_resolve.rpl", mode: .off)
    #expect(run.description == "iter_resolve.rpl qmin=off")
    #expect(run.prefix == "iter")
  }
}
