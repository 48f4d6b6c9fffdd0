import PetrelScenarioReplay

/// Where the Deckard scenarios are for these tests: `shared/scenarios/deckard` beside the repository this file
/// is in (`<repository>/../shared/scenarios/deckard`), as in CI, where the repository is a fresh clone.
enum ScenarioLocation {
  static let repositoryRoot: String = {
    let components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    return components.dropLast(3).joined(separator: "/")
  }()

  static let catalog = ScenarioCatalog(besideRepository: repositoryRoot)
}
