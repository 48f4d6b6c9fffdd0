/// A frame payload that is not the JSON its frame kind calls for. Kept apart from ``ControlFrameError``
/// because the frame itself was fine: only its content was not understood.
public struct ControlPayloadError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was expected (`request`, `response`, `progress`).
  public var expected: String
  /// The decoder's explanation.
  public var reason: String

  public init(expected: String, reason: String) {
    self.expected = expected
    self.reason = reason
  }

  public var description: String { "malformed \(expected) payload: \(reason)" }
}
