/// One scenario file in one QNAME minimisation mode: the unit a test or a report line is about.
public struct ScenarioRun: Sendable, Hashable, CustomStringConvertible {
  public var fileName: String
  public var mode: MinimisationMode

  public init(fileName: String, mode: MinimisationMode) {
    self.fileName = fileName
    self.mode = mode
  }

  /// The part of the file name before the first `_`.
  public var prefix: String { String(fileName.prefix { $0 != "_" }) }

  /// `iter_resolve.rpl qmin=on`.
  public var description: String { "\(fileName) qmin=\(mode)" }
}
