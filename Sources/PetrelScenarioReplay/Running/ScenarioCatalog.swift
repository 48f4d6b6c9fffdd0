import Foundation

/// The directory of Deckard scenarios and the files in it.
///
/// The scenarios are data shared beside the repository (`<repository>/../shared/scenarios/deckard`), never
/// copied into it; the catalog finds them there and reads them. A missing directory is an error, not an empty
/// catalog: a replay suite that silently runs nothing would look like a suite that passes.
public struct ScenarioCatalog: Sendable {
  /// Why the scenarios cannot be read.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  public let directory: String

  public init(directory: String) { self.directory = directory }

  /// The catalog beside the repository whose root is `repositoryRoot`.
  public init(besideRepository repositoryRoot: String) {
    var root = repositoryRoot
    while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
    let parent = root.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    directory = (parent.isEmpty ? "" : parent) + "/shared/scenarios/deckard"
  }

  /// The `.rpl` file names, sorted.
  public func fileNames() throws(Failure) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw Failure(
        description:
          "the Deckard scenarios are missing: \(directory) does not exist (the replay suite reads them from "
          + "shared/scenarios/deckard beside the repository; CI always provides it)")
    }
    do {
      return try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".rpl") }.sorted()
    } catch {
      throw Failure(description: "cannot list \(directory): \(error.localizedDescription)")
    }
  }

  /// Reads and parses one scenario; an unreadable file or a parse error (naming file and line) is the error.
  public func load(_ fileName: String) throws -> Scenario {
    try ScenarioParser.parse(text(of: fileName), fileName: fileName)
  }

  /// Every scenario file with each QNAME minimisation mode it runs in (both unless its configuration fixes
  /// one; both too when the configuration cannot be read, so that the run reports the error).
  public func runs() throws(Failure) -> [ScenarioRun] {
    try fileNames().flatMap { fileName -> [ScenarioRun] in
      let configuration = try? ScenarioParser.configuration(of: text(of: fileName), fileName: fileName)
      return MinimisationMode.modes(fixedTo: configuration?.queryMinimisation).map {
        ScenarioRun(fileName: fileName, mode: $0)
      }
    }
  }

  private func text(of fileName: String) throws(Failure) -> String {
    let path = directory + "/" + fileName
    do {
      return try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw Failure(description: "cannot read \(path): \(error.localizedDescription)")
    }
  }
}
