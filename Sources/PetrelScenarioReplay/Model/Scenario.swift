public import PetrelDNS

/// One Deckard scenario (`.rpl` file) as typed values: its configuration, the fake servers (ranges) and the
/// steps that drive the resolver.
///
/// It exists so that parsing, the scripted network, the checks and the reports all work from one description
/// of the scenario, and so that a mistake in the file is found once, at parse time, with its line.
public struct Scenario: Sendable {
  /// The file name without directories (`iter_resolve.rpl`): what reports and test names show.
  public var fileName: String
  /// The text after `SCENARIO_BEGIN`.
  public var title: String
  public var configuration: ScenarioConfiguration
  public var ranges: [ScenarioRange]
  /// In the order of the file, which is the order they are played in.
  public var steps: [ScenarioStep]

  public init(
    fileName: String, title: String, configuration: ScenarioConfiguration, ranges: [ScenarioRange],
    steps: [ScenarioStep]
  ) {
    self.fileName = fileName
    self.title = title
    self.configuration = configuration
    self.ranges = ranges
    self.steps = steps
  }

  /// The part of the file name before the first `_` (`iter`, `val`, `nsec3`): how results are grouped.
  public var prefix: String {
    String(fileName.prefix { $0 != "_" })
  }

  /// The QNAME minimisation modes to run the scenario in: the one its configuration fixes, else both.
  public var modes: [MinimisationMode] { MinimisationMode.modes(fixedTo: configuration.queryMinimisation) }
}

/// A fake authoritative server for a span of steps (`RANGE_BEGIN first last` … `RANGE_END`).
///
/// It answers queries sent to its addresses (to any address when it names none) while the scenario is at a
/// step from `first` to `last`, with the first of its entries that matches the query.
public struct ScenarioRange: Sendable {
  public var first: Int
  public var last: Int
  /// The `ADDRESS` lines.
  public var addresses: [IPAddress]
  public var entries: [ScenarioEntry]
  /// Where `RANGE_BEGIN` is, for messages.
  public var line: Int

  public init(first: Int, last: Int, addresses: [IPAddress], entries: [ScenarioEntry], line: Int) {
    self.first = first
    self.last = last
    self.addresses = addresses
    self.entries = entries
    self.line = line
  }

  public func covers(step: Int) -> Bool { (first...last).contains(step) }
}

/// One `STEP` line and the entry that goes with it.
public struct ScenarioStep: Sendable {
  /// What the step does.
  public enum Action: Sendable {
    /// A client query to the resolver (`STEP n QUERY`).
    case query(ScenarioEntry)
    /// The answer to the last query must match the entry (`STEP n CHECK_ANSWER`).
    case checkAnswer(ScenarioEntry)
    /// The clock moves on (`STEP n TIME_PASSES ELAPSE seconds`).
    case timePasses(seconds: Int64)
    /// A one-shot upstream answer, used when no range covers the step (`STEP n REPLY`).
    case reply(ScenarioEntry)
    /// A query the resolver is expected to send (`STEP n CHECK_OUT_QUERY`); Deckard does not check it.
    case checkOutQuery(ScenarioEntry)
  }

  /// The number after `STEP`: ranges and one-shot replies are chosen by it.
  public var id: Int
  public var action: Action
  /// Where the `STEP` line is.
  public var line: Int

  public init(id: Int, action: Action, line: Int) {
    self.id = id
    self.action = action
    self.line = line
  }
}

/// Whether the resolver minimises QNAMEs (RFC 9156) in a run.
public enum MinimisationMode: String, Sendable, CaseIterable, Hashable, Comparable {
  case on, off

  public static func < (left: MinimisationMode, right: MinimisationMode) -> Bool {
    left == .on && right == .off
  }

  /// The modes a scenario runs in: the one its `query-minimization` setting fixes, else both.
  public static func modes(fixedTo setting: Bool?) -> [MinimisationMode] {
    setting.map { [$0 ? .on : .off] } ?? [.on, .off]
  }
}
