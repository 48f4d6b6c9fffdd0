/// Base32 with the extended hex alphabet and no padding (RFC 4648 §7, RFC 5155 §3.3): NSEC3 hashed owner names.
///
/// The hex alphabet keeps the sort order of the hashes, which is why NSEC3 uses it; `dig` prints it in upper
/// case, owner labels carry it in lower case, so decoding accepts either.
public enum Base32Hex {
  private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUV".utf8)

  /// Encodes `data` in upper case without padding.
  public static func encode<Bytes: Collection<UInt8>>(_ data: Bytes) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((data.count * 8 + 4) / 5)
    var buffer: UInt32 = 0
    var bitCount = 0
    for byte in data {
      buffer = buffer << 8 | UInt32(byte)
      bitCount += 8
      while bitCount >= 5 {
        bitCount -= 5
        out.append(alphabet[Int(buffer >> UInt32(bitCount) & 0x1F)])
      }
      buffer &= (1 << UInt32(bitCount)) - 1
    }
    if bitCount > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bitCount) & 0x1F)]) }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes unpadded base32hex in either case.
  public static func decode(_ text: [UInt8]) throws(BaseEncodingError) -> [UInt8] {
    // 8 characters carry 5 octets; a final partial group of 1, 3 or 6 characters cannot end on an octet.
    guard ![1, 3, 6].contains(text.count % 8) else { throw .invalidLength(text.count) }
    var result: [UInt8] = []
    result.reserveCapacity(text.count * 5 / 8)
    var buffer: UInt32 = 0
    var bitCount = 0
    for (index, character) in text.enumerated() {
      guard let value = quintet(character) else { throw .invalidCharacter(index: index) }
      buffer = buffer << 5 | value
      bitCount += 5
      if bitCount >= 8 {
        bitCount -= 8
        result.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bitCount)))
        buffer &= (1 << UInt32(bitCount)) - 1
      }
    }
    guard buffer == 0 else { throw .nonZeroTrailingBits }
    return result
  }

  private static func quintet(_ character: UInt8) -> UInt32? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(character - UInt8(ascii: "0"))
    case UInt8(ascii: "A")...UInt8(ascii: "V"): UInt32(character - UInt8(ascii: "A")) + 10
    case UInt8(ascii: "a")...UInt8(ascii: "v"): UInt32(character - UInt8(ascii: "a")) + 10
    default: nil
    }
  }
}
