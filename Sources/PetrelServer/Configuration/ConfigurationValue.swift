import PetrelDNS
import Yams

/// One value of the configuration document, with the key path that leads to it and its place in the text.
///
/// The typed readers (`integer`, `boolean`, `network`, …) are the only way settings are read, so every setting
/// is checked the same way and every refusal names its key and line.
struct ConfigurationValue {
  let node: Yams.Node
  /// The dotted key path (`resolver.max-ttl`).
  let path: String
  let context: ConfigurationContext
  /// Where errors point: the value, or its key when the value is empty (an empty value has no useful place).
  let mark: Mark?

  init(node: Yams.Node, path: String, context: ConfigurationContext, keyMark: Mark? = nil) {
    self.node = node
    self.path = path
    self.context = context
    let valueMark = node.mark
    self.mark = Self.isNull(node) ? (keyMark ?? valueMark) : (valueMark ?? keyMark)
  }

  /// An error about this value, at its place.
  func error(_ message: String) -> ConfigurationError {
    ConfigurationError(
      file: context.fileName, line: mark?.line, column: mark?.column, key: path.isEmpty ? nil : path,
      message: message)
  }

  /// True for an absent value: nothing after the colon, `~` or `null`.
  var isNull: Bool { Self.isNull(node) }

  static func isNull(_ node: Yams.Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// What the value is, for "expected …, found …" messages.
  var kind: String {
    switch node {
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    case .scalar(let scalar): isNull ? "nothing" : "'\(scalar.string)'"
    }
  }

  /// The text of a scalar; `expected` names what was wanted for the error otherwise.
  func scalar(_ expected: String) throws(ConfigurationError) -> Yams.Node.Scalar {
    guard case .scalar(let scalar) = node, !isNull else {
      throw error("expected \(expected), found \(kind)")
    }
    return scalar
  }

  /// Non-empty text.
  func string(_ expected: String = "text") throws(ConfigurationError) -> String {
    let text = try scalar(expected).string
    guard !text.isEmpty else { throw error("expected \(expected), found an empty string") }
    return text
  }

  /// A decimal integer in `range`; `_` may separate digits (`1_000_000`). `unit` is named in range errors.
  func integer(_ range: ClosedRange<Int>, unit: String? = nil) throws(ConfigurationError) -> Int {
    let scalar = try scalar("an integer")
    guard scalar.style == .plain || scalar.style == .any, let value = Self.decimal(scalar.string) else {
      throw error("expected an integer, found \(scalar.style == .plain ? "" : "quoted text ")\(kind)")
    }
    guard let value, range.contains(value) else {
      throw error("\(scalar.string) is out of range: must be \(Self.describe(range, unit: unit))")
    }
    return value
  }

  /// `true` or `false` (also `yes`/`no`, `on`/`off`, as YAML 1.1 and Unbound write them).
  func boolean() throws(ConfigurationError) -> Bool {
    let scalar = try scalar("true or false")
    guard scalar.style == .plain || scalar.style == .any else {
      throw error("expected true or false, found quoted text \(kind)")
    }
    switch scalar.string.lowercased() {
    case "true", "yes", "on": return true
    case "false", "no", "off": return false
    default: throw error("expected true or false, found \(kind)")
    }
  }

  /// Seconds, as an integer or TTL text (`90`, `1h30m`, `1d`), in `range`.
  func seconds(_ range: ClosedRange<UInt32>) throws(ConfigurationError) -> UInt32 {
    let text = try scalar("a number of seconds or a duration such as 1h30m").string
    let value: UInt32
    if let decimal = Self.decimal(text) {
      guard let decimal, decimal >= 0, decimal <= Int(TTLText.maximum) else {
        throw error("\(text) is out of range: must be \(Self.describe(seconds: range))")
      }
      value = UInt32(decimal)
    } else {
      do {
        value = try TTLText.parse(text)
      } catch {
        throw self.error(error.description)
      }
    }
    guard range.contains(value) else {
      throw error("\(text) is out of range: must be \(Self.describe(seconds: range))")
    }
    return value
  }

  /// The items of a list.
  func list() throws(ConfigurationError) -> [ConfigurationValue] {
    guard case .sequence(let sequence) = node else { throw error("expected a list, found \(kind)") }
    return sequence.enumerated().map { index, item in
      ConfigurationValue(node: item, path: ConfigurationPath.item(path, index), context: context)
    }
  }

  /// The value as a mapping whose keys must all belong to `group`; an absent value is an empty mapping.
  func mapping(_ group: ConfigurationSchema.Group) throws(ConfigurationError) -> ConfigurationMapping {
    try ConfigurationMapping(self, group: group)
  }

  /// A network (`10.0.0.0/8`, `2001:db8::/32`) or a single address.
  func network() throws(ConfigurationError) -> IPNetwork {
    let text = try string("a network such as 192.0.2.0/24 or 2001:db8::/32")
    guard let network = IPNetwork(text) else {
      throw error("'\(text)' is not a network: write an address with an optional prefix length, as 192.0.2.0/24")
    }
    return network
  }

  /// A domain name, absolute whether or not it ends in a dot.
  func domainName() throws(ConfigurationError) -> DomainName {
    let text = try string("a domain name")
    do {
      return try DomainName(text)
    } catch {
      throw self.error("'\(text)' is not a domain name: \(error)")
    }
  }

  /// A file path, made relative to the configuration file's directory when it is not absolute.
  func filePath() throws(ConfigurationError) -> String {
    context.resolve(try string("a file path"))
  }

  /// Parses `text` as a decimal integer: nil when it is not one, `.some(nil)` when it does not fit an `Int`.
  static func decimal(_ text: String) -> Int?? {
    var digits = Substring(text)
    let negative = digits.hasPrefix("-")
    if negative || digits.hasPrefix("+") { digits = digits.dropFirst() }
    guard let first = digits.first, first.isASCII, first.isNumber, let last = digits.last, last.isASCII, last.isNumber,
      digits.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "_" }), !digits.contains("__")
    else { return nil }
    guard let magnitude = Int(digits.filter { $0 != "_" }) else { return .some(nil) }
    return .some(negative ? -magnitude : magnitude)
  }

  static func describe(_ range: ClosedRange<Int>, unit: String?) -> String {
    let suffix = unit.map { " \($0)" } ?? ""
    if range.upperBound == Int.max { return "at least \(range.lowerBound)\(suffix)" }
    return "\(range.lowerBound) to \(range.upperBound)\(suffix)"
  }

  static func describe(seconds range: ClosedRange<UInt32>) -> String {
    "\(TTLText.format(range.lowerBound)) to \(TTLText.format(range.upperBound)) "
      + "(\(range.lowerBound) to \(range.upperBound) seconds)"
  }
}
