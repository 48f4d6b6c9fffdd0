/// The questions the zone-file parser asks of a single token, and errors located at it.
extension PresentationToken {
  /// An error pointing at this token.
  func error(_ message: String) -> PresentationError {
    PresentationError(line: line, column: column, message: message)
  }

  /// `$ORIGIN`, `$TTL` and the like: an unquoted field that starts with a dollar sign.
  var isDirective: Bool { !isQuoted && text.first == UInt8(ascii: "$") }

  /// No type or class mnemonic starts with a digit, so such a field can only be meant as a TTL.
  var startsWithDigit: Bool {
    guard let first = text.first else { return false }
    return first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")
  }

  /// The field read as a TTL (`3600`, `1h30m`).
  func ttl() throws(PresentationError) -> UInt32 {
    do {
      return try TTLText.parse(string)
    } catch {
      throw self.error(error.description)
    }
  }
}
