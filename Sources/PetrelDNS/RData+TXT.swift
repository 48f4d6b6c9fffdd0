extension RData {
  /// Free-form text attached to a name (RFC 1035 §3.3.14): SPF, DKIM, domain verification tokens.
  ///
  /// Kept as the separate `<character-string>`s it arrived in, because their boundaries are part of the data
  /// (DKIM keys longer than 255 octets are split, and some consumers join the parts, others do not).
  public struct TXT: RDataCodec {
    /// One or more strings of at most 255 octets each.
    public private(set) var strings: [[UInt8]]

    /// Nil when `strings` is empty, a string is longer than 255 octets, or the RDATA would exceed 65 535 octets.
    public init?(strings: [[UInt8]]) {
      guard !strings.isEmpty, strings.allSatisfy({ $0.count <= 255 }),
        strings.reduce(0, { $0 + $1.count + 1 }) <= Int(UInt16.max)
      else { return nil }
      self.strings = strings
    }

    /// Convenience for text: each string as UTF-8.
    public init?(_ strings: [String]) {
      self.init(strings: strings.map { Array($0.utf8) })
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> TXT {
      guard reader.remaining > 0 else {
        throw .invalidRData(type: .txt, offset: reader.offset, reason: "no character-string")
      }
      var strings: [[UInt8]] = []
      while reader.remaining > 0 { strings.append(try reader.readCharacterString(in: .txt)) }
      return TXT(validated: strings)
    }

    public func encode(to writer: inout WireWriter) {
      for string in strings { writer.writeCharacterString(string) }
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> TXT {
      var strings = [try fields.characterString("text")]
      var length = strings[0].count + 1
      while let token = fields.peek() {
        let string = try fields.characterString("text")
        length += string.count + 1
        guard length <= Int(UInt16.max) else { throw fields.failure("TXT data is longer than 65535 octets", at: token) }
        strings.append(string)
      }
      return TXT(validated: strings)
    }

    /// Every string quoted, separated by spaces: `"v=spf1 -all"`, `"a" "" "b"`.
    public var presentation: String { strings.map(PresentationText.quoted).joined(separator: " ") }

    private init(validated strings: [[UInt8]]) { self.strings = strings }
  }
}
