/// How one run of a scenario (in one QNAME minimisation mode) ended.
public enum ScenarioOutcome: Sendable, Equatable {
  case passed
  case failed(ScenarioFailure)
  /// Not run, and why (it needs DNSSEC validation).
  case skipped(String)
}

/// Why a run failed: the step (and its line) where the scenario and Petrel parted, and the difference.
public struct ScenarioFailure: Error, Sendable, Equatable, CustomStringConvertible {
  /// Nil when the failure is not tied to a step (the scenario cannot be set up).
  public var step: Int?
  public var line: Int?
  public var message: String

  public init(step: Int? = nil, line: Int? = nil, message: String) {
    self.step = step
    self.line = line
    self.message = message
  }

  public var description: String {
    guard let step else { return message }
    return "step \(step)\(line.map { " (line \($0))" } ?? ""): \(message)"
  }
}
