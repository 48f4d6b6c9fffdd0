import PetrelDNS

/// Builds one `ScenarioEntry` from the lines between `ENTRY_BEGIN` and `ENTRY_END`.
///
/// `MATCH`, `ADJUST` and `REPLY` lines may repeat and add up; `SECTION name` switches the section the following
/// record lines go to; `RAW` makes the following lines hex octets. Words it does not know are errors, so that a
/// typo in a scenario is not silently ignored.
struct EntryParser {
  private enum Section { case question, answer, authority, additional }

  let file: String
  private var entry: ScenarioEntry
  private var section: Section?
  /// The line of `RAW`, once it has been seen.
  private var rawLine: Int?
  private var rawHex = ""

  init(file: String, line: Int) {
    self.file = file
    entry = ScenarioEntry(line: line)
  }

  /// Takes one line of the entry (not `ENTRY_END`).
  mutating func take(_ line: ScenarioLine, raw: Substring) throws(ScenarioParseError) {
    guard !line.isEmpty else { return }
    if rawLine != nil {
      rawHex += line.words.joined()
      return
    }
    switch line.keyword.uppercased() {
    case "MATCH":
      var fields = entry.match ?? []
      for word in line.words.dropFirst() {
        guard let expanded = MatchField.expanding(String(word)) else {
          throw error(line, "unknown MATCH field '\(word)'")
        }
        fields.formUnion(expanded)
      }
      entry.match = fields
    case "ADJUST":
      for word in line.words.dropFirst() {
        guard let option = AdjustOption(rawValue: word.lowercased()) else {
          throw error(line, "unknown ADJUST option '\(word)'")
        }
        entry.adjust.insert(option)
      }
    case "REPLY", "FLAGS":
      for word in line.words.dropFirst() {
        guard ReplyWords.apply(String(word), to: &entry) else { throw error(line, "unknown REPLY word '\(word)'") }
      }
    case "SECTION":
      switch line.words.dropFirst().first?.uppercased() {
      case "QUESTION": section = .question
      case "ANSWER": section = .answer
      case "AUTHORITY": section = .authority
      case "ADDITIONAL": section = .additional
      default: throw error(line, "SECTION must be QUESTION, ANSWER, AUTHORITY or ADDITIONAL")
      }
    case "RAW":
      rawLine = line.number
    default:
      try record(line, raw: raw)
    }
  }

  /// The finished entry, at `ENTRY_END`.
  func finish() throws(ScenarioParseError) -> ScenarioEntry {
    var finished = entry
    if let rawLine {
      guard let bytes = Self.octets(hex: rawHex) else {
        throw ScenarioParseError(
          file: file, line: rawLine, message: "RAW data is not an even number of hex digits")
      }
      finished.raw = bytes
    }
    return finished
  }

  private mutating func record(_ line: ScenarioLine, raw: Substring) throws(ScenarioParseError) {
    guard let section else {
      throw error(line, "'\(line.keyword)' is neither an entry keyword nor a record after a SECTION line")
    }
    do {
      switch section {
      case .question: entry.questions.append(try RecordText.question(line.words))
      case .answer: entry.answers.append(try RecordText.record(raw))
      case .authority: entry.authorities.append(try RecordText.record(raw))
      case .additional: entry.additionals.append(try RecordText.record(raw))
      }
    } catch {
      throw self.error(line, error.message)
    }
  }

  private func error(_ line: ScenarioLine, _ message: String) -> ScenarioParseError {
    ScenarioParseError(file: file, line: line.number, message: message)
  }

  /// Hex digits (white space already removed) as octets; nil when they are not pairs of hex digits.
  static func octets(hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }

  private static func hexValue(_ digit: UInt8) -> UInt8? {
    switch digit {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
