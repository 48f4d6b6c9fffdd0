import Foundation
import PetrelScenarioReplay

/// What `docs/conformance.md` says: the results table, and every scenario run that does not pass with the reason.
///
/// The document is the one place the known failures are written down; the replay tests read it so that a run
/// that fails without being listed, or a listed run that passes, fails the suite until the document is right.
struct ConformanceDocument {
  /// The Markdown between `<!-- summary -->` and `<!-- /summary -->`.
  var summaryTable: String
  /// `| `iter_x.rpl` | on, off | reason |` rows of the failures table.
  var knownFailures: [ScenarioRun: String]

  static func load() throws -> ConformanceDocument {
    let text = try String(contentsOfFile: ScenarioLocation.conformanceDocument, encoding: .utf8)
    return try ConformanceDocument(text: text)
  }

  struct Malformed: Error, CustomStringConvertible {
    var description: String
  }

  init(text: String) throws {
    guard let start = text.range(of: "<!-- summary -->"), let end = text.range(of: "<!-- /summary -->"),
      start.upperBound <= end.lowerBound
    else { throw Malformed(description: "docs/conformance.md has no <!-- summary --> … <!-- /summary --> block") }
    summaryTable = text[start.upperBound..<end.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
    knownFailures = [:]
    for line in text.split(separator: "\n") where line.hasPrefix("| `") && line.contains(".rpl`") {
      let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      guard cells.count >= 5 else { throw Malformed(description: "bad failure row: \(line)") }
      let fileName = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
      for word in cells[2].split(separator: ",") {
        guard let mode = MinimisationMode(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
          throw Malformed(description: "bad mode '\(word)' in: \(line)")
        }
        knownFailures[ScenarioRun(fileName: fileName, mode: mode)] = cells[3]
      }
    }
  }
}
