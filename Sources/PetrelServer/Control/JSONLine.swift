/// Builds one JSON object on one line, keys in the order added: the `--format json` lines of dumps and
/// `stats`. Written by hand because a dump writes a million of them and needs no more than strings, integers
/// and arrays of strings.
struct JSONLine {
  private(set) var body = ""

  init() {}

  /// The object, `{...}`.
  var text: String { "{" + body + "}" }

  mutating func add(_ key: String, _ value: String) {
    separate(key)
    Self.appendQuoted(value, to: &body)
  }

  mutating func add(_ key: String, _ value: some BinaryInteger) {
    separate(key)
    body += String(value)
  }

  mutating func add(_ key: String, _ values: [String]) {
    separate(key)
    body += "["
    for (index, value) in values.enumerated() {
      if index > 0 { body += "," }
      Self.appendQuoted(value, to: &body)
    }
    body += "]"
  }

  mutating func addNull(_ key: String) {
    separate(key)
    body += "null"
  }

  private mutating func separate(_ key: String) {
    if !body.isEmpty { body += "," }
    Self.appendQuoted(key, to: &body)
    body += ":"
  }

  /// `value` as a JSON string: quotes, backslashes and control characters escaped.
  static func appendQuoted(_ value: String, to out: inout String) {
    out += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    out += "\""
  }
}
