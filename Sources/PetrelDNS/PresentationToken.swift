/// One field of a zone-file entry, as written: quotes removed, escapes left for the field's reader to apply.
public struct PresentationToken: Sendable, Equatable {
  public var text: [UInt8]
  /// Written between double quotes (a `<character-string>` that may hold spaces).
  public var isQuoted: Bool
  /// Where the field starts, 1-based, for error messages.
  public var line: Int
  public var column: Int

  public init(text: [UInt8], isQuoted: Bool = false, line: Int = 1, column: Int = 1) {
    self.text = text
    self.isQuoted = isQuoted
    self.line = line
    self.column = column
  }

  public var string: String { String(decoding: text, as: UTF8.self) }
}

/// A problem in zone-file or presentation text, located to the line and column.
public struct PresentationError: Error, Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var message: String
  /// The file the text came from, when there is one.
  public var file: String?

  public init(line: Int, column: Int, message: String, file: String? = nil) {
    self.line = line
    self.column = column
    self.message = message
    self.file = file
  }

  public var description: String {
    "\(file.map { "\($0):" } ?? "")\(line):\(column): \(message)"
  }
}

/// One logical entry of a zone file: its tokens, and whether it began with white space (a blank owner).
public struct PresentationLine: Sendable, Equatable {
  public var tokens: [PresentationToken]
  public var startsWithBlank: Bool
  public var line: Int
}

/// Splits zone-file text into logical entries (RFC 1035 §5.1).
///
/// Parentheses join physical lines, `;` starts a comment that runs to the end of the line, double quotes make
/// one field of text with spaces, and a backslash escapes the next character (which therefore never ends a
/// field, opens a comment or closes a quote).
public struct PresentationTokenizer {
  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  private var lineStart = 0

  public init(_ text: String) { bytes = Array(text.utf8) }
  public init(bytes: [UInt8]) { self.bytes = bytes }

  private var column: Int { index - lineStart + 1 }

  /// The next non-empty logical entry, or nil at the end of the text.
  public mutating func nextLine() throws(PresentationError) -> PresentationLine? {
    while index < bytes.count {
      let startLine = line
      let startsWithBlank = bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t")
      var tokens: [PresentationToken] = []
      var depth = 0
      var openLine = 0
      var openColumn = 0
      entry: while index < bytes.count {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
          index += 1
        case UInt8(ascii: "\n"):
          newline()
          if depth == 0 { break entry }
        case UInt8(ascii: ";"):
          while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
        case UInt8(ascii: "("):
          if depth == 0 {
            openLine = line
            openColumn = column
          }
          depth += 1
          index += 1
        case UInt8(ascii: ")"):
          guard depth > 0 else { throw PresentationError(line: line, column: column, message: "')' without '('") }
          depth -= 1
          index += 1
        case UInt8(ascii: "\""):
          tokens.append(try quoted())
        default:
          tokens.append(try plain())
        }
      }
      if depth > 0 {
        throw PresentationError(line: openLine, column: openColumn, message: "'(' is never closed")
      }
      if !tokens.isEmpty {
        return PresentationLine(tokens: tokens, startsWithBlank: startsWithBlank, line: startLine)
      }
    }
    return nil
  }

  /// Every logical entry of the text.
  public mutating func allLines() throws(PresentationError) -> [PresentationLine] {
    var result: [PresentationLine] = []
    while let next = try nextLine() { result.append(next) }
    return result
  }

  /// Splits a single entry (RDATA text, for instance) into tokens.
  public static func tokens(of text: String) throws(PresentationError) -> [PresentationToken] {
    var tokenizer = PresentationTokenizer(text)
    var result: [PresentationToken] = []
    while let entry = try tokenizer.nextLine() { result.append(contentsOf: entry.tokens) }
    return result
  }

  private mutating func newline() {
    index += 1
    line += 1
    lineStart = index
  }

  private mutating func plain() throws(PresentationError) -> PresentationToken {
    let startLine = line
    let startColumn = column
    var text: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ";"),
        UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\""):
        return PresentationToken(text: text, line: startLine, column: startColumn)
      case UInt8(ascii: "\\"):
        text.append(byte)
        index += 1
        guard index < bytes.count, bytes[index] != UInt8(ascii: "\n") else {
          throw PresentationError(line: line, column: column, message: "backslash at the end of a line")
        }
        text.append(bytes[index])
        index += 1
      default:
        text.append(byte)
        index += 1
      }
    }
    return PresentationToken(text: text, line: startLine, column: startColumn)
  }

  private mutating func quoted() throws(PresentationError) -> PresentationToken {
    let startLine = line
    let startColumn = column
    index += 1
    var text: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") {
        index += 1
        return PresentationToken(text: text, isQuoted: true, line: startLine, column: startColumn)
      }
      if byte == UInt8(ascii: "\\") {
        text.append(byte)
        index += 1
        guard index < bytes.count else { break }
        text.append(bytes[index])
        if bytes[index] == UInt8(ascii: "\n") {
          line += 1
          lineStart = index + 1
        }
        index += 1
        continue
      }
      if byte == UInt8(ascii: "\n") {
        line += 1
        lineStart = index + 1
      }
      text.append(byte)
      index += 1
    }
    throw PresentationError(line: startLine, column: startColumn, message: "unterminated quoted string")
  }
}
