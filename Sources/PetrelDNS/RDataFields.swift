/// The RDATA fields of one record in presentation form, with typed readers for each kind of field.
///
/// Each RDATA type's parser takes fields from the front; an error names the field and points at it.
public struct RDataFields {
  public private(set) var tokens: [PresentationToken]
  public private(set) var index = 0
  /// Completes relative names.
  public let origin: DomainName?
  /// The record type being parsed, for messages.
  public let type: RRType
  /// Where to point when a field is missing.
  private let endLine: Int
  private let endColumn: Int

  public init(tokens: [PresentationToken], type: RRType, origin: DomainName?, line: Int = 1, column: Int = 1) {
    self.tokens = tokens
    self.type = type
    self.origin = origin
    endLine = tokens.last?.line ?? line
    endColumn = tokens.last.map { $0.column + $0.text.count } ?? column
  }

  public var isAtEnd: Bool { index >= tokens.count }

  /// The next field; `what` names it in the error when the record ends early.
  public mutating func next(_ what: String) throws(PresentationError) -> PresentationToken {
    guard index < tokens.count else {
      throw PresentationError(line: endLine, column: endColumn, message: "\(type) record is missing its \(what)")
    }
    defer { index += 1 }
    return tokens[index]
  }

  /// Looks at the next field without taking it.
  public func peek() -> PresentationToken? { index < tokens.count ? tokens[index] : nil }

  public mutating func name(_ what: String = "name") throws(PresentationError) -> DomainName {
    let token = try next(what)
    do {
      return try token.text.withUnsafeBufferPointer { buffer throws(DomainNameError) in
        try DomainName(presentation: buffer, origin: origin)
      }
    } catch {
      throw failure("bad \(what) '\(token.string)': \(error)", at: token)
    }
  }

  /// A decimal unsigned integer that must fit `Integer`.
  public mutating func integer<Integer: FixedWidthInteger & UnsignedInteger>(
    _: Integer.Type, _ what: String
  ) throws(PresentationError) -> Integer {
    let token = try next(what)
    guard !token.text.isEmpty, token.text.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
      let value = Integer(token.string)
    else {
      throw failure("\(what) must be a number from 0 to \(Integer.max), not '\(token.string)'", at: token)
    }
    return value
  }

  /// A `<character-string>`: escapes applied, at most 255 octets.
  public mutating func characterString(_ what: String = "text") throws(PresentationError) -> [UInt8] {
    let token = try next(what)
    let value = try unescaped(token)
    guard value.count <= 255 else { throw failure("\(what) is longer than 255 octets", at: token) }
    return value
  }

  /// The remaining fields joined without separators (base64 or hex split over several fields).
  public mutating func remainingJoined(_ what: String) throws(PresentationError) -> [UInt8] {
    guard index < tokens.count else { _ = try next(what); return [] }
    var joined: [UInt8] = []
    while index < tokens.count {
      joined.append(contentsOf: tokens[index].text)
      index += 1
    }
    return joined
  }

  /// Every remaining field.
  public mutating func remaining() -> ArraySlice<PresentationToken> {
    defer { index = tokens.count }
    return tokens[index...]
  }

  /// Fails if fields are left over.
  public func expectEnd() throws(PresentationError) {
    if index < tokens.count {
      throw failure("unexpected '\(tokens[index].string)' after the \(type) data", at: tokens[index])
    }
  }

  public func failure(_ message: String, at token: PresentationToken) -> PresentationError {
    PresentationError(line: token.line, column: token.column, message: message)
  }

  /// Applies `\X` and `\DDD` escapes.
  public func unescaped(_ token: PresentationToken) throws(PresentationError) -> [UInt8] {
    var result: [UInt8] = []
    result.reserveCapacity(token.text.count)
    var i = 0
    let text = token.text
    while i < text.count {
      let byte = text[i]
      guard byte == UInt8(ascii: "\\") else {
        result.append(byte)
        i += 1
        continue
      }
      guard i + 1 < text.count else { throw failure("backslash at the end of a field", at: token) }
      let next = text[i + 1]
      if next >= 0x30 && next <= 0x39 {
        guard i + 3 < text.count,
          text[(i + 1)...(i + 3)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { throw failure("\\DDD escape needs three digits", at: token) }
        let value = text[(i + 1)...(i + 3)].reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard value <= 255 else { throw failure("\\\(value) is not an octet", at: token) }
        result.append(UInt8(value))
        i += 4
      } else {
        result.append(next)
        i += 2
      }
    }
    return result
  }
}

/// Text helpers shared by the RDATA printers and parsers.
public enum PresentationText {
  /// Appends `\DDD`, the decimal escape for an octet that cannot be written as itself.
  static func appendDecimalEscape(_ byte: UInt8, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\\"))
    out.append(UInt8(ascii: "0") + byte / 100)
    out.append(UInt8(ascii: "0") + (byte / 10) % 10)
    out.append(UInt8(ascii: "0") + byte % 10)
  }

  /// Writes a `<character-string>` as `dig` does: in double quotes, `"` and `\` escaped, octets outside
  /// printable ASCII as `\DDD`.
  public static func quoted(_ data: [UInt8]) -> String {
    var out: [UInt8] = [UInt8(ascii: "\"")]
    out.reserveCapacity(data.count + 2)
    for byte in data {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        out.append(UInt8(ascii: "\\"))
        out.append(byte)
      case 0x20...0x7E:
        out.append(byte)
      default:
        appendDecimalEscape(byte, to: &out)
      }
    }
    out.append(UInt8(ascii: "\""))
    return String(decoding: out, as: UTF8.self)
  }

  private static let hexDigits = Array("0123456789ABCDEF".utf8)

  /// Upper-case hexadecimal, as `dig` prints DS digests and RFC 3597 data.
  public static func hex<Bytes: Sequence<UInt8>>(_ data: Bytes) -> String {
    var out: [UInt8] = []
    for byte in data {
      out.append(hexDigits[Int(byte >> 4)])
      out.append(hexDigits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes hexadecimal in either case; nil for an odd count or a non-hex character.
  public static func decodeHex(_ text: [UInt8]) -> [UInt8]? {
    guard text.count % 2 == 0 else { return nil }
    var result: [UInt8] = []
    result.reserveCapacity(text.count / 2)
    var i = 0
    while i < text.count {
      guard let high = hexValue(text[i]), let low = hexValue(text[i + 1]) else { return nil }
      result.append(high << 4 | low)
      i += 2
    }
    return result
  }

  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case 0x30...0x39: byte - 0x30
    case 0x41...0x46: byte - 0x41 + 10
    case 0x61...0x66: byte - 0x61 + 10
    default: nil
    }
  }
}
