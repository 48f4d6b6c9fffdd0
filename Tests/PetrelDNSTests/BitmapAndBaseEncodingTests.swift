import Testing

@testable import PetrelDNS

@Suite struct BitmapAndBaseEncodingTests {
  /// RFC 4648 §10.
  @Test(arguments: [
    ("", "", ""), ("f", "Zg==", "CO"), ("fo", "Zm8=", "CPNG"), ("foo", "Zm9v", "CPNMU"),
    ("foob", "Zm9vYg==", "CPNMUOG"),
    ("fooba", "Zm9vYmE=", "CPNMUOJ1"), ("foobar", "Zm9vYmFy", "CPNMUOJ1E8"),
  ])
  func rfc4648Vectors(plain: String, base64: String, base32hex: String) throws {
    let data = Array(plain.utf8)
    #expect(Base64.encode(data) == base64)
    #expect(try Base64.decode(Array(base64.utf8)) == data)
    #expect(Base32Hex.encode(data) == base32hex)
    #expect(try Base32Hex.decode(Array(base32hex.utf8)) == data)
    #expect(try Base32Hex.decode(Array(base32hex.lowercased().utf8)) == data)
  }

  @Test func everyOctetValueRoundTrips() throws {
    let data = (0...255).map { UInt8($0) }
    for length in [1, 2, 3, 4, 5, 31, 32, 33, 256] {
      let slice = Array(data.prefix(length))
      #expect(try Base64.decode(Array(Base64.encode(slice).utf8)) == slice)
      #expect(try Base32Hex.decode(Array(Base32Hex.encode(slice).utf8)) == slice)
    }
  }

  @Test(arguments: [
    ("Zg=", BaseEncodingError.invalidLength(3)),
    ("Zm9v!A==", .invalidCharacter(index: 4)),
    ("Zg==Zm9v", .invalidCharacter(index: 2)),
    ("Z===", .invalidCharacter(index: 1)),
    ("Zm=v", .invalidCharacter(index: 3)),
    ("Zh==", .nonZeroTrailingBits),
    ("Zm9=", .nonZeroTrailingBits),
    ("Zm 9v", .invalidLength(5)),
  ])
  func rejectsBadBase64(text: String, expected: BaseEncodingError) {
    #expect(throws: expected) { try Base64.decode(Array(text.utf8)) }
  }

  @Test(arguments: [
    ("C", BaseEncodingError.invalidLength(1)),
    ("CPN", .invalidLength(3)),
    ("CPNMUO", .invalidLength(6)),
    ("CW", .invalidCharacter(index: 1)),
    ("CO==", .invalidCharacter(index: 2)),
    ("CP", .nonZeroTrailingBits),
  ])
  func rejectsBadBase32Hex(text: String, expected: BaseEncodingError) {
    #expect(throws: expected) { try Base32Hex.decode(Array(text.utf8)) }
  }

  @Test func wordsSplitAt56Characters() {
    let text = String(repeating: "A", count: 56) + String(repeating: "B", count: 57)
    #expect(
      PresentationText.words(text)
        == String(repeating: "A", count: 56) + " " + String(repeating: "B", count: 56) + " B")
    #expect(PresentationText.words("short") == "short")
  }

  /// RFC 4034 §4.3: `A MX RRSIG NSEC TYPE1234`.
  static let rfc4034Bitmap: [UInt8] =
    [0x00, 0x06, 0x40, 0x01, 0x00, 0x00, 0x00, 0x03, 0x04, 0x1B] + Array(repeating: 0, count: 26) + [0x20]

  @Test func encodesAndDecodesTheRFC4034Example() throws {
    let bitmap = TypeBitmap([.nsec, .a, .rrsig, .mx, RRType(1234), .a])
    #expect(bitmap.types == [.a, .mx, .rrsig, .nsec, RRType(1234)])
    #expect(bitmap.presentation == "A MX RRSIG NSEC TYPE1234")
    var writer = WireWriter()
    bitmap.encode(to: &writer)
    #expect(writer.bytes == Self.rfc4034Bitmap)
    #expect(try decode(Self.rfc4034Bitmap) == bitmap)
    #expect(bitmap.contains(.mx) && bitmap.contains(RRType(1234)) && !bitmap.contains(.aaaa))
  }

  @Test func printsUnknownTypesGenerically() throws {
    let bitmap = TypeBitmap([RRType(65400), .caa, RRType(65535), .txt])
    #expect(bitmap.presentation == "TXT CAA TYPE65400 TYPE65535")
    var writer = WireWriter()
    bitmap.encode(to: &writer)
    #expect(try decode(writer.bytes) == bitmap)
    #expect(try decode([]) == .empty)
  }

  @Test(arguments: [
    (
      [UInt8]([0x01, 0x01, 0x40, 0x00, 0x01, 0x40]),
      DNSWireError.invalidRData(type: .nsec, offset: 3, reason: "type bitmap window 0 out of order")
    ),
    (
      [0x00, 0x01, 0x40, 0x00, 0x01, 0x20],
      .invalidRData(type: .nsec, offset: 3, reason: "type bitmap window 0 out of order")
    ),
    ([0x00, 0x00], .invalidRData(type: .nsec, offset: 0, reason: "type bitmap window length 0")),
    (
      [0x00, 0x21] + Array(repeating: 0xFF, count: 33),
      .invalidRData(type: .nsec, offset: 0, reason: "type bitmap window length 33")
    ),
    (
      [0x00, 0x02, 0x40, 0x00], .invalidRData(type: .nsec, offset: 0, reason: "type bitmap window ends in a zero octet")
    ),
    ([0x00, 0x05, 0x40], .truncated(offset: 2)),
    ([0x00], .truncated(offset: 1)),
  ])
  func rejectsMalformedBitmaps(wire: [UInt8], expected: DNSWireError) {
    #expect(throws: expected) { try decode(wire) }
  }

  private func decode(_ wire: [UInt8]) throws -> TypeBitmap {
    try wire.withUnsafeBytes { raw in
      var reader = WireReader(message: raw)
      return try TypeBitmap.decode(from: &reader, owner: .nsec)
    }
  }
}
