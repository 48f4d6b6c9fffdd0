extension PresentationText {
  /// The width of the words `dig` cuts long base64 and hex fields into on a single line (DNSKEY, RRSIG, DS).
  public static let wordWidth = 56

  /// Splits `text` into words of `width` characters separated by single spaces, as `dig` prints long binary
  /// fields; the parsers join such words again, so the output reads back.
  public static func words(_ text: String, width: Int = wordWidth) -> String {
    let characters = Array(text.utf8)
    guard width > 0, characters.count > width else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(characters.count + characters.count / width)
    for (index, character) in characters.enumerated() {
      if index > 0 && index % width == 0 { out.append(UInt8(ascii: " ")) }
      out.append(character)
    }
    return String(decoding: out, as: UTF8.self)
  }
}
