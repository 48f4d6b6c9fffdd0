/// A mistake in a scenario file, with the file and line it is on.
///
/// Scenario files are data written by hand; a message that points at the line is what makes a broken file
/// quick to fix, and what lets a test say "this file could not be read" instead of failing mysteriously.
public struct ScenarioParseError: Error, Sendable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var message: String

  public init(file: String, line: Int, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String { "\(file):\(line): \(message)" }
}
