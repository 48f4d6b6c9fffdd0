/// Text from a client made safe for a log line: control characters (a newline could forge a second log
/// entry) are escaped and the length is capped, since a request may carry up to 64 KiB of arguments.
enum LogText {
  static let limit = 300

  static func sanitized(_ text: String) -> String {
    var result = ""
    for (index, scalar) in text.unicodeScalars.enumerated() {
      if index >= limit {
        result += "…"
        break
      }
      if scalar.value < 0x20 || scalar.value == 0x7f || (0x80..<0xa0).contains(scalar.value) {
        result += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
