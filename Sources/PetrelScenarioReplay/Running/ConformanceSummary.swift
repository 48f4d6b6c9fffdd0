/// Passed, failed and skipped runs per scenario prefix and QNAME minimisation mode, and the table made of them.
///
/// It exists so that the test suite, the command-line runner and `docs/conformance.md` report results in one
/// shape, comparable with other resolvers' pass counts.
public struct ConformanceSummary: Sendable, Equatable {
  /// The three counts of one cell.
  public struct Counts: Sendable, Equatable {
    public var passed: Int
    public var failed: Int
    public var skipped: Int

    public init(passed: Int = 0, failed: Int = 0, skipped: Int = 0) {
      self.passed = passed
      self.failed = failed
      self.skipped = skipped
    }

    public var total: Int { passed + failed + skipped }
  }

  public private(set) var counts: [String: [MinimisationMode: Counts]] = [:]

  public init() {}

  public mutating func record(_ outcome: ScenarioOutcome, prefix: String, mode: MinimisationMode) {
    var cell = counts[prefix, default: [:]][mode, default: Counts()]
    switch outcome {
    case .passed: cell.passed += 1
    case .failed: cell.failed += 1
    case .skipped: cell.skipped += 1
    }
    counts[prefix, default: [:]][mode] = cell
  }

  /// The counts of `mode` over every prefix.
  public func total(_ mode: MinimisationMode) -> Counts {
    counts.values.compactMap { $0[mode] }.reduce(into: Counts()) { sum, cell in
      sum.passed += cell.passed
      sum.failed += cell.failed
      sum.skipped += cell.skipped
    }
  }

  /// A Markdown table: one row per prefix and a total, `passed / failed / skipped` for each mode.
  public var markdownTable: String {
    func cell(_ counts: Counts?) -> String {
      guard let counts else { return "–" }
      return "\(counts.passed) / \(counts.failed) / \(counts.skipped)"
    }
    var lines = [
      "| prefix | qmin on: passed / failed / skipped | qmin off: passed / failed / skipped |",
      "| --- | --- | --- |",
    ]
    for prefix in counts.keys.sorted() {
      lines.append("| `\(prefix)_` | \(cell(counts[prefix]?[.on])) | \(cell(counts[prefix]?[.off])) |")
    }
    lines.append("| **total** | \(cell(total(.on))) | \(cell(total(.off))) |")
    return lines.joined(separator: "\n")
  }
}
