/// TTLs as people write them: plain seconds (`3600`) or BIND's units (`1h30m`, `2w`, `1d`).
///
/// Zone files, root hints and the resolver's configuration all take durations in this form, so the rules live
/// in one place: units `w`, `d`, `h`, `m`, `s` in either case, every number after the first needs a unit, and
/// the total must not exceed 2^31 − 1 seconds (RFC 2181 §8).
public enum TTLText {
  /// The largest TTL RFC 2181 §8 allows.
  public static let maximum: UInt32 = 0x7FFF_FFFF

  /// Parses `text` into seconds.
  public static func parse(_ text: String) throws(TTLTextError) -> UInt32 {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { throw .empty }
    var total: UInt64 = 0
    var index = 0
    var sawUnit = false
    while index < bytes.count {
      var number: UInt64 = 0
      let numberStart = index
      while index < bytes.count, let digit = digitValue(bytes[index]) {
        number = number * 10 + digit
        guard number <= UInt64(maximum) else { throw .tooLarge(text) }
        index += 1
      }
      guard index > numberStart else {
        guard unitSeconds(bytes[index]) != nil else {
          throw .unexpectedCharacter(text, character(in: text, at: index), position: index + 1)
        }
        throw .expectedNumber(text, position: index + 1)
      }
      guard index < bytes.count else {
        // A bare number is seconds, but only on its own: `1h30` is more likely a typo than 30 seconds.
        guard !sawUnit else { throw .missingUnit(text) }
        total = number
        break
      }
      guard let unit = unitSeconds(bytes[index]) else {
        throw .unknownUnit(text, unit: character(in: text, at: index), position: index + 1)
      }
      index += 1
      sawUnit = true
      total += number * unit
      guard total <= UInt64(maximum) else { throw .tooLarge(text) }
    }
    return UInt32(total)
  }

  /// Writes `seconds` with the largest units first (`5400` is `1h30m`, `0` is `0s`); `parse` reads it back.
  public static func format(_ seconds: UInt32) -> String {
    guard seconds > 0 else { return "0s" }
    var rest = seconds
    var out = ""
    for (unit, size) in units where rest >= size {
      out += "\(rest / size)\(unit)"
      rest %= size
    }
    return out
  }

  private static let units: [(Character, UInt32)] = [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)]

  /// The character at a UTF-8 offset; everything before `offset` is ASCII, so it is a character boundary.
  private static func character(in text: String, at offset: Int) -> Character {
    text[text.utf8.index(text.utf8.startIndex, offsetBy: offset)]
  }

  private static func digitValue(_ byte: UInt8) -> UInt64? {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? UInt64(byte - UInt8(ascii: "0")) : nil
  }

  private static func unitSeconds(_ byte: UInt8) -> UInt64? {
    switch byte | 0x20 {
    case UInt8(ascii: "w"): 604_800
    case UInt8(ascii: "d"): 86_400
    case UInt8(ascii: "h"): 3_600
    case UInt8(ascii: "m"): 60
    case UInt8(ascii: "s"): 1
    default: nil
    }
  }
}

/// Why a TTL's text was refused; the description is a sentence an operator can act on.
public enum TTLTextError: Error, Sendable, Equatable, CustomStringConvertible {
  case empty
  /// A unit letter came where a number was expected; `position` is 1-based.
  case expectedNumber(String, position: Int)
  /// Something that is neither a digit nor a unit.
  case unexpectedCharacter(String, Character, position: Int)
  case unknownUnit(String, unit: Character, position: Int)
  /// A number without a unit after numbers with units (`1h30`).
  case missingUnit(String)
  /// More than 2^31 − 1 seconds.
  case tooLarge(String)

  public var description: String {
    switch self {
    case .empty: "empty TTL"
    case .expectedNumber(let text, let position):
      "TTL '\(text)' needs a number before the unit at character \(position)"
    case .unexpectedCharacter(let text, let character, let position):
      "TTL '\(text)' has unexpected '\(character)' at character \(position)"
    case .unknownUnit(let text, let unit, _):
      "TTL '\(text)' has unknown unit '\(unit)' (use w, d, h, m or s)"
    case .missingUnit(let text):
      "TTL '\(text)' ends in a number without a unit (use w, d, h, m or s)"
    case .tooLarge(let text):
      "TTL '\(text)' exceeds \(TTLText.maximum) seconds (RFC 2181)"
    }
  }
}
