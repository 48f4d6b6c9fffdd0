import PetrelScenarioReplay

/// Where the Deckard scenarios and the conformance report are for these tests: `shared/scenarios/deckard` beside
/// the repository this file is in (`<repository>/../shared/scenarios/deckard`), as in CI, where the repository
/// is a fresh clone; `docs/conformance.md` inside it.
enum ScenarioLocation {
  static let repositoryRoot: String = {
    let components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    return components.dropLast(3).joined(separator: "/")
  }()

  static let catalog = ScenarioCatalog(besideRepository: repositoryRoot)

  static let conformanceDocument = repositoryRoot + "/docs/conformance.md"

  /// Every scenario file in each mode it runs in; the error (the directory is missing) fails the tests that use
  /// it, with the catalog's explanation.
  static func runs() throws -> [ScenarioRun] {
    try catalog.runs()
  }
}
