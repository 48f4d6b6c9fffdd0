import PetrelDNS

/// Reads a Deckard `.rpl` file into a `Scenario`.
///
/// Line by line: the configuration block up to `CONFIG_END`, then `SCENARIO_BEGIN`, `RANGE_BEGIN` blocks with
/// `ADDRESS` lines and entries, `STEP` lines (with their entry for `QUERY`, `CHECK_ANSWER`, `REPLY` and
/// `CHECK_OUT_QUERY`), and `SCENARIO_END`. Every error names the file and the line.
public struct ScenarioParser {
  private enum State {
    case configuration
    case beforeScenario
    case scenario
    case range(ScenarioRange)
    case entry(EntryParser, owner: EntryOwner)
    case finished
  }

  private enum EntryOwner {
    case range(ScenarioRange)
    case step(id: Int, kind: String, line: Int)
  }

  private let file: String
  private var state = State.configuration
  private var configuration: ConfigurationParser
  private var title = ""
  private var ranges: [ScenarioRange] = []
  private var steps: [ScenarioStep] = []
  /// A step that still waits for its entry.
  private var pendingStep: (id: Int, kind: String, line: Int)?

  private init(file: String) {
    self.file = file
    configuration = ConfigurationParser(file: file)
  }

  /// Parses the text of the file called `fileName`.
  public static func parse(_ text: String, fileName: String) throws(ScenarioParseError) -> Scenario {
    var parser = ScenarioParser(file: fileName)
    var number = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      try parser.take(raw, number: number)
    }
    guard case .finished = parser.state else {
      throw ScenarioParseError(file: fileName, line: number, message: "the file ends before SCENARIO_END")
    }
    return Scenario(
      fileName: fileName, title: parser.title, configuration: parser.configuration.configuration,
      ranges: parser.ranges, steps: parser.steps)
  }

  /// Only the configuration block of the text: enough to know the modes a scenario runs in, cheaply.
  public static func configuration(of text: String, fileName: String) throws(ScenarioParseError)
    -> ScenarioConfiguration
  {
    var parser = ConfigurationParser(file: fileName)
    var number = 0
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      number += 1
      let line = ScenarioLine(number: number, raw: raw, hashComments: true)
      if line.keyword == "CONFIG_END" { return parser.configuration }
      try parser.take(line)
    }
    throw ScenarioParseError(file: fileName, line: number, message: "the file ends before CONFIG_END")
  }

  private mutating func take(_ raw: Substring, number: Int) throws(ScenarioParseError) {
    if case .configuration = state {
      let line = ScenarioLine(number: number, raw: raw, hashComments: true)
      if line.keyword == "CONFIG_END" {
        state = .beforeScenario
      } else {
        try configuration.take(line)
      }
      return
    }
    let line = ScenarioLine(number: number, raw: raw)
    guard !line.isEmpty else { return }
    switch state {
    case .configuration:
      return
    case .beforeScenario:
      guard line.keyword == "SCENARIO_BEGIN" else { throw error(line, "expected SCENARIO_BEGIN, found '\(line.text)'") }
      title = String(line.rest)
      state = .scenario
    case .scenario:
      try topLevel(line)
    case .range(var range):
      switch line.keyword {
      case "ADDRESS":
        guard line.words.count == 2, let address = IPAddress(String(line.words[1])) else {
          throw error(line, "ADDRESS needs one IP address")
        }
        range.addresses.append(address)
        state = .range(range)
      case "ENTRY_BEGIN":
        state = .entry(EntryParser(file: file, line: line.number), owner: .range(range))
      case "RANGE_END":
        ranges.append(range)
        state = .scenario
      default:
        throw error(line, "expected ADDRESS, ENTRY_BEGIN or RANGE_END in a range, found '\(line.keyword)'")
      }
    case .entry(var entryParser, let owner):
      guard line.keyword == "ENTRY_END" else {
        try entryParser.take(line, raw: raw)
        state = .entry(entryParser, owner: owner)
        return
      }
      let entry = try entryParser.finish()
      switch owner {
      case .range(var range):
        range.entries.append(entry)
        state = .range(range)
      case .step(let id, let kind, let stepLine):
        steps.append(ScenarioStep(id: id, action: Self.action(kind, entry), line: stepLine))
        state = .scenario
      }
    case .finished:
      throw error(line, "text after SCENARIO_END")
    }
  }

  private mutating func topLevel(_ line: ScenarioLine) throws(ScenarioParseError) {
    if let pending = pendingStep {
      guard line.keyword == "ENTRY_BEGIN" else {
        throw error(line, "STEP \(pending.id) \(pending.kind) (line \(pending.line)) needs an entry")
      }
      pendingStep = nil
      state = .entry(
        EntryParser(file: file, line: line.number), owner: .step(id: pending.id, kind: pending.kind, line: pending.line)
      )
      return
    }
    switch line.keyword {
    case "RANGE_BEGIN":
      guard line.words.count >= 3, let first = Int(line.words[1]), let last = Int(line.words[2]), first <= last else {
        throw error(line, "RANGE_BEGIN needs a first and a last step, first ≤ last")
      }
      state = .range(ScenarioRange(first: first, last: last, addresses: [], entries: [], line: line.number))
    case "STEP":
      try step(line)
    case "SCENARIO_END":
      state = .finished
    default:
      throw error(line, "expected RANGE_BEGIN, STEP or SCENARIO_END, found '\(line.keyword)'")
    }
  }

  private mutating func step(_ line: ScenarioLine) throws(ScenarioParseError) {
    guard line.words.count >= 3, let id = Int(line.words[1]) else {
      throw error(line, "STEP needs a number and a type")
    }
    if let previous = steps.last, previous.id >= id {
      throw error(line, "STEP \(id) does not come after STEP \(previous.id)")
    }
    let kind = line.words[2].uppercased()
    switch kind {
    case "QUERY", "CHECK_ANSWER", "REPLY", "CHECK_OUT_QUERY":
      pendingStep = (id, kind, line.number)
    case "TIME_PASSES":
      guard line.words.count == 5, line.words[3].uppercased() == "ELAPSE", let seconds = Int64(line.words[4]),
        seconds >= 0
      else {
        throw error(line, "TIME_PASSES needs 'ELAPSE <seconds>'")
      }
      steps.append(ScenarioStep(id: id, action: .timePasses(seconds: seconds), line: line.number))
    default:
      throw error(line, "unknown STEP type '\(line.words[2])'")
    }
  }

  private static func action(_ kind: String, _ entry: ScenarioEntry) -> ScenarioStep.Action {
    switch kind {
    case "QUERY": .query(entry)
    case "CHECK_ANSWER": .checkAnswer(entry)
    case "REPLY": .reply(entry)
    default: .checkOutQuery(entry)
    }
  }

  private func error(_ line: ScenarioLine, _ message: String) -> ScenarioParseError {
    ScenarioParseError(file: file, line: line.number, message: message)
  }
}
