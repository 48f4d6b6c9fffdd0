extension PresentationText {
  /// Upper-case hexadecimal in blocks of 56 digits separated by a space, as `dig` prints SSHFP and TLSA data
  /// on one line.
  static func hexBlocks(_ data: [UInt8]) -> String {
    let digits = Array(hex(data).utf8)
    var out: [UInt8] = []
    out.reserveCapacity(digits.count + digits.count / 56)
    for (index, digit) in digits.enumerated() {
      if index > 0 && index % 56 == 0 { out.append(UInt8(ascii: " ")) }
      out.append(digit)
    }
    return String(decoding: out, as: UTF8.self)
  }
}

extension RDataFields {
  /// The remaining fields read as one hexadecimal string (zone files may split it with spaces or parentheses).
  mutating func hexData(_ what: String) throws(PresentationError) -> [UInt8] {
    let first = try next(what)
    var text = first.text
    for token in remaining() { text.append(contentsOf: token.text) }
    guard let data = PresentationText.decodeHex(text) else {
      throw failure("\(what) is not an even number of hexadecimal digits", at: first)
    }
    return data
  }
}
