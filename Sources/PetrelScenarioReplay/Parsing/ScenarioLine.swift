/// One physical line of a scenario file with its comment removed and split into words.
///
/// `;` starts a comment outside double quotes (a backslash escapes the next character), as in Deckard's
/// reader; the configuration block also treats `#` as the start of a comment.
struct ScenarioLine {
  /// 1-based.
  var number: Int
  /// The line without its comment, leading and trailing blanks removed.
  var text: Substring
  var words: [Substring]

  init(number: Int, raw: Substring, hashComments: Bool = false) {
    self.number = number
    var end = raw.endIndex
    var quoted = false
    var escaped = false
    for index in raw.indices {
      let character = raw[index]
      if escaped {
        escaped = false
        continue
      }
      if character == "\\" {
        escaped = true
      } else if character == "\"" {
        quoted.toggle()
      } else if !quoted && (character == ";" || (hashComments && character == "#")) {
        end = index
        break
      }
    }
    text = Self.trimmed(raw[..<end])
    words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
  }

  var isEmpty: Bool { words.isEmpty }
  var keyword: String { words.first.map { String($0) } ?? "" }
  /// The text after the first word.
  var rest: Substring {
    guard let first = words.first else { return "" }
    return Self.trimmed(text[first.endIndex...])
  }

  static func trimmed(_ text: Substring) -> Substring {
    let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    guard let start = text.firstIndex(where: { !blank($0) }) else { return text[text.endIndex...] }
    let end = text.lastIndex(where: { !blank($0) })!
    return text[start...end]
  }
}
