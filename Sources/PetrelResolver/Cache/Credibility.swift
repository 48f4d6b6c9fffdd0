/// How far the resolver trusts a piece of cached data, from RFC 2181 §5.4.1, lowest first.
///
/// It exists so that the cache can refuse to let weaker data (glue, a referral's NS set) overwrite stronger data
/// (an authoritative answer) that is still live: data may replace cached data of equal or lower rank, or data
/// that has expired.
public enum Credibility: UInt8, Sendable, Comparable, CaseIterable, CustomStringConvertible {
  /// Root hints, read from the configuration: only good enough to start priming.
  case hint
  /// The additional section (glue), the authority section of a non-authoritative answer (a referral's NS set),
  /// and any other additional data.
  case additional
  /// The answer section of a response without the AA bit.
  case nonAuthoritativeAnswer
  /// The authority section of an authoritative answer.
  case authoritativeAuthority
  /// The answer section of an authoritative answer, for the zone the server is authoritative for.
  case authoritativeAnswer

  public static func < (left: Credibility, right: Credibility) -> Bool {
    left.rawValue < right.rawValue
  }

  public var description: String {
    switch self {
    case .hint: "hint"
    case .additional: "additional"
    case .nonAuthoritativeAnswer: "non-authoritative-answer"
    case .authoritativeAuthority: "authoritative-authority"
    case .authoritativeAnswer: "authoritative-answer"
    }
  }

  /// Parses the `description` form, as a cache dump writes it.
  public init?(description: String) {
    guard let match = Self.allCases.first(where: { $0.description == description }) else { return nil }
    self = match
  }

  /// RFC 2181 §5.4.1: whether data of this rank may replace live cached data of rank `cached`.
  public func mayReplace(_ cached: Credibility) -> Bool {
    self >= cached
  }
}
