extension RData {
  /// A TLS certificate association (RFC 6698, DANE): which certificate or key a TLS server at
  /// `_port._proto.name` must present, authenticated by DNSSEC rather than by a CA alone.
  public struct TLSA: RDataCodec {
    /// 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.
    public var usage: UInt8
    /// 0 the full certificate, 1 the SubjectPublicKeyInfo.
    public var selector: UInt8
    /// 0 the data itself, 1 SHA-256, 2 SHA-512.
    public var matchingType: UInt8
    /// The certificate association data, never empty.
    public private(set) var data: [UInt8]

    /// Nil when `data` is empty or the RDATA would exceed 65 535 octets.
    public init?(usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8]) {
      guard !data.isEmpty, 3 + data.count <= Int(UInt16.max) else { return nil }
      self.init(validatedUsage: usage, selector: selector, matchingType: matchingType, data: data)
    }

    private init(validatedUsage usage: UInt8, selector: UInt8, matchingType: UInt8, data: [UInt8]) {
      self.usage = usage
      self.selector = selector
      self.matchingType = matchingType
      self.data = data
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> TLSA {
      try reader.expectRemaining(atLeast: 3, in: .tlsa)
      let usage = try reader.readUInt8()
      let selector = try reader.readUInt8()
      let matchingType = try reader.readUInt8()
      guard reader.remaining > 0 else {
        throw .invalidRData(type: .tlsa, offset: reader.offset, reason: "empty certificate association data")
      }
      return TLSA(
        validatedUsage: usage, selector: selector, matchingType: matchingType,
        data: try reader.readBytes(reader.remaining))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt8(usage)
      writer.writeUInt8(selector)
      writer.writeUInt8(matchingType)
      writer.writeBytes(data)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> TLSA {
      let usage = try fields.integer(UInt8.self, "certificate usage")
      let selector = try fields.integer(UInt8.self, "selector")
      let matchingType = try fields.integer(UInt8.self, "matching type")
      let start = fields.peek()
      let data = try fields.hexData("certificate association data")
      if let start, data.isEmpty || 3 + data.count > Int(UInt16.max) {
        throw fields.failure("TLSA certificate association data must hold 1 to 65532 octets", at: start)
      }
      return TLSA(validatedUsage: usage, selector: selector, matchingType: matchingType, data: data)
    }

    /// `3 1 1 0D6FCE33…`, the hex in blocks of 56 digits as `dig` prints it.
    public var presentation: String {
      "\(usage) \(selector) \(matchingType) \(PresentationText.hexBlocks(data))"
    }
  }
}
