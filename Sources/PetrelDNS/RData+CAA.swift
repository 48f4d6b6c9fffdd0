extension RData {
  /// Certification Authority Authorization (RFC 8659): which CAs may issue certificates for a name.
  ///
  /// The value is not a `<character-string>`: it runs to the end of the RDATA and may be longer than 255 octets.
  public struct CAA: RDataCodec {
    /// Bit 7 (128) is the issuer-critical flag; the other bits are reserved.
    public var flags: UInt8
    /// The property (`issue`, `issuewild`, `iodef`): 1 to 255 ASCII letters and digits.
    public private(set) var tag: [UInt8]
    /// The property value, interpreted according to the tag.
    public private(set) var value: [UInt8]

    /// Nil when the tag is empty, longer than 255 octets or not alphanumeric, or the RDATA would exceed
    /// 65 535 octets.
    public init?(flags: UInt8, tag: [UInt8], value: [UInt8]) {
      guard Self.tagProblem(tag) == nil, 2 + tag.count + value.count <= Int(UInt16.max) else { return nil }
      self.init(validatedFlags: flags, tag: tag, value: value)
    }

    /// Convenience for text: tag and value as UTF-8.
    public init?(flags: UInt8, tag: String, value: String) {
      self.init(flags: flags, tag: Array(tag.utf8), value: Array(value.utf8))
    }

    private init(validatedFlags flags: UInt8, tag: [UInt8], value: [UInt8]) {
      self.flags = flags
      self.tag = tag
      self.value = value
    }

    /// True when the issuer-critical flag is set: a CA that does not understand the tag must not issue.
    public var isIssuerCritical: Bool { flags & 0x80 != 0 }

    /// Why `tag` cannot be a CAA tag, or nil when it can.
    static func tagProblem(_ tag: [UInt8]) -> String? {
      if tag.isEmpty { return "empty tag" }
      if tag.count > 255 { return "tag longer than 255 octets" }
      let isAlphanumeric = tag.allSatisfy { byte in
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
      }
      return isAlphanumeric ? nil : "tag is not letters and digits"
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> CAA {
      try reader.expectRemaining(atLeast: 2, in: .caa)
      let flags = try reader.readUInt8()
      let tagOffset = reader.offset
      let tagLength = Int(try reader.readUInt8())
      guard tagLength <= reader.remaining else {
        throw .invalidRData(
          type: .caa, offset: tagOffset,
          reason: "tag of \(tagLength) octets overruns the RDATA (\(reader.remaining) left)")
      }
      let tag = try reader.readBytes(tagLength)
      if let problem = tagProblem(tag) { throw .invalidRData(type: .caa, offset: tagOffset, reason: problem) }
      return CAA(validatedFlags: flags, tag: tag, value: try reader.readBytes(reader.remaining))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt8(flags)
      writer.writeCharacterString(tag)
      writer.writeBytes(value)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> CAA {
      let flags = try fields.integer(UInt8.self, "flags")
      let tagToken = try fields.next("tag")
      let tag = try fields.unescaped(tagToken)
      if let problem = tagProblem(tag) {
        throw fields.failure("bad CAA tag '\(tagToken.string)': \(problem)", at: tagToken)
      }
      let valueToken = try fields.next("value")
      let value = try fields.unescaped(valueToken)
      guard 2 + tag.count + value.count <= Int(UInt16.max) else {
        throw fields.failure("CAA value is too long", at: valueToken)
      }
      return CAA(validatedFlags: flags, tag: tag, value: value)
    }

    /// `0 issue "letsencrypt.org"`.
    public var presentation: String {
      "\(flags) \(String(decoding: tag, as: UTF8.self)) \(PresentationText.quoted(value))"
    }
  }
}
