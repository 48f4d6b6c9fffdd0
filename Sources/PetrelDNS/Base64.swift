/// Base64 (RFC 4648 §4), the text form of DNSKEY public keys, RRSIG signatures and SVCB `ech` values.
///
/// Decoding is strict: padding is required, only at the end, and the unused bits must be zero, so that every
/// octet string has exactly one accepted spelling. Callers join whitespace-split fields before decoding.
public enum Base64 {
  private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
  private static let padding = UInt8(ascii: "=")

  /// Encodes `data` with padding and no line breaks.
  public static func encode<Bytes: Collection<UInt8>>(_ data: Bytes) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((data.count + 2) / 3 * 4)
    var iterator = data.makeIterator()
    while let first = iterator.next() {
      let second = iterator.next()
      let third = iterator.next()
      let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
      out.append(alphabet[Int(group >> 18 & 0x3F)])
      out.append(alphabet[Int(group >> 12 & 0x3F)])
      out.append(second == nil ? padding : alphabet[Int(group >> 6 & 0x3F)])
      out.append(third == nil ? padding : alphabet[Int(group & 0x3F)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes padded base64.
  public static func decode(_ text: [UInt8]) throws(BaseEncodingError) -> [UInt8] {
    guard text.count % 4 == 0 else { throw .invalidLength(text.count) }
    var result: [UInt8] = []
    result.reserveCapacity(text.count / 4 * 3)
    var group = 0
    while group < text.count {
      var values: [UInt32] = []
      var padded = 0
      for index in group..<(group + 4) {
        let character = text[index]
        if character == padding {
          // Padding may only fill the last one or two positions of the last group.
          guard group + 4 == text.count, index >= group + 2 else { throw .invalidCharacter(index: index) }
          padded += 1
        } else {
          guard padded == 0, let value = sextet(character) else { throw .invalidCharacter(index: index) }
          values.append(value)
        }
      }
      let bits = values.enumerated().reduce(UInt32(0)) { $0 | $1.element << (18 - 6 * UInt32($1.offset)) }
      result.append(UInt8(truncatingIfNeeded: bits >> 16))
      if padded < 2 { result.append(UInt8(truncatingIfNeeded: bits >> 8)) }
      if padded < 1 { result.append(UInt8(truncatingIfNeeded: bits)) }
      let unusedMask: UInt32 = padded == 2 ? 0xFFFF : padded == 1 ? 0xFF : 0
      guard bits & unusedMask == 0 else { throw .nonZeroTrailingBits }
      group += 4
    }
    return result
  }

  private static func sextet(_ character: UInt8) -> UInt32? {
    switch character {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(character - UInt8(ascii: "A"))
    case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(character - UInt8(ascii: "a")) + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0")) + 52
    case UInt8(ascii: "+"): 62
    case UInt8(ascii: "/"): 63
    default: nil
    }
  }
}
