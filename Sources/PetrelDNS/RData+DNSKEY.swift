extension RData {
  /// A zone's public key (RFC 4034 §2): what RRSIGs are verified with and what DS records hash.
  public struct DNSKEY: RDataCodec {
    public var flags: UInt16
    /// Always 3 in valid keys (RFC 4034 §2.1.2); kept as received so that the key tag and digests stay exact.
    public var `protocol`: UInt8
    public var algorithm: UInt8
    public var publicKey: [UInt8]

    public init(flags: UInt16, protocol: UInt8 = 3, algorithm: UInt8, publicKey: [UInt8]) {
      self.flags = flags
      self.protocol = `protocol`
      self.algorithm = algorithm
      self.publicKey = publicKey
    }

    /// Bit 7: the key may verify zone data.
    public var isZoneKey: Bool { flags & 0x0100 != 0 }
    /// Bit 15: the key is meant as a key-signing key (a hint only, RFC 4034 §2.1.1).
    public var isSecureEntryPoint: Bool { flags & 0x0001 != 0 }
    /// Bit 8: the key has been revoked (RFC 5011 §3).
    public var isRevoked: Bool { flags & 0x0080 != 0 }

    /// The key tag (RFC 4034 Appendix B) that RRSIG and DS records use to name this key.
    public var keyTag: UInt16 {
      if algorithm == 1 {
        // RSA/MD5: the second-to-last two octets of the modulus (Appendix B.1).
        guard publicKey.count >= 3 else { return 0 }
        return UInt16(publicKey[publicKey.count - 3]) << 8 | UInt16(publicKey[publicKey.count - 2])
      }
      var writer = WireWriter(capacity: 4 + publicKey.count)
      encode(to: &writer)
      var accumulator = 0
      for (index, octet) in writer.bytes.enumerated() {
        accumulator += index & 1 == 0 ? Int(octet) << 8 : Int(octet)
      }
      accumulator += accumulator >> 16 & 0xFFFF
      return UInt16(truncatingIfNeeded: accumulator)
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> DNSKEY {
      let start = reader.offset
      let flags = try reader.readUInt16()
      let `protocol` = try reader.readUInt8()
      let algorithm = try reader.readUInt8()
      guard reader.remaining > 0 else { throw .invalidRData(type: .dnskey, offset: start, reason: "no public key") }
      return DNSKEY(
        flags: flags, protocol: `protocol`, algorithm: algorithm, publicKey: try reader.readBytes(reader.remaining))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt16(flags)
      writer.writeUInt8(`protocol`)
      writer.writeUInt8(algorithm)
      writer.writeBytes(publicKey)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> DNSKEY {
      let flags = try fields.integer(UInt16.self, "flags")
      let `protocol` = try fields.integer(UInt8.self, "protocol")
      let algorithm = try fields.dnssecAlgorithm()
      let keyToken = fields.peek()
      let key = try fields.base64Remaining("public key")
      guard !key.isEmpty, keyToken != nil else {
        throw fields.failure("the public key is empty", at: keyToken ?? PresentationToken(text: []))
      }
      return DNSKEY(flags: flags, protocol: `protocol`, algorithm: algorithm, publicKey: key)
    }

    /// `257 3 8 AwEAAa…`: the key in base64, cut into words as `dig` does.
    public var presentation: String {
      "\(flags) \(`protocol`) \(algorithm) \(PresentationText.words(Base64.encode(publicKey)))"
    }
  }
}
