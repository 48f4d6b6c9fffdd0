extension RData {
  /// A signature over one RRset (RFC 4034 §3), with everything a validator needs to find the key and check it.
  public struct RRSIG: RDataCodec {
    public var typeCovered: RRType
    public var algorithm: UInt8
    /// Labels in the original owner name, not counting the root or a leading wildcard.
    public var labels: UInt8
    public var originalTTL: UInt32
    /// Seconds since 1970, modulo 2^32 (RFC 4034 §3.1.5).
    public var expiration: UInt32
    public var inception: UInt32
    public var keyTag: UInt16
    public var signerName: DomainName
    public var signature: [UInt8]

    public init(
      typeCovered: RRType, algorithm: UInt8, labels: UInt8, originalTTL: UInt32, expiration: UInt32,
      inception: UInt32, keyTag: UInt16, signerName: DomainName, signature: [UInt8]
    ) {
      self.typeCovered = typeCovered
      self.algorithm = algorithm
      self.labels = labels
      self.originalTTL = originalTTL
      self.expiration = expiration
      self.inception = inception
      self.keyTag = keyTag
      self.signerName = signerName
      self.signature = signature
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> RRSIG {
      let start = reader.offset
      let typeCovered = RRType(try reader.readUInt16())
      let algorithm = try reader.readUInt8()
      let labels = try reader.readUInt8()
      let originalTTL = try reader.readUInt32()
      let expiration = try reader.readUInt32()
      let inception = try reader.readUInt32()
      let keyTag = try reader.readUInt16()
      // RFC 4034 §3.1.7 and RFC 3597 §4: the signer's name is never compressed.
      let signerName = try reader.readName(allowCompression: false)
      guard reader.remaining > 0 else { throw .invalidRData(type: .rrsig, offset: start, reason: "no signature") }
      return RRSIG(
        typeCovered: typeCovered, algorithm: algorithm, labels: labels, originalTTL: originalTTL,
        expiration: expiration, inception: inception, keyTag: keyTag, signerName: signerName,
        signature: try reader.readBytes(reader.remaining))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt16(typeCovered.rawValue)
      writer.writeUInt8(algorithm)
      writer.writeUInt8(labels)
      writer.writeUInt32(originalTTL)
      writer.writeUInt32(expiration)
      writer.writeUInt32(inception)
      writer.writeUInt16(keyTag)
      writer.writeName(signerName, compress: false)
      writer.writeBytes(signature)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> RRSIG {
      let typeCovered = try fields.recordType("type covered")
      let algorithm = try fields.dnssecAlgorithm()
      let labels = try fields.integer(UInt8.self, "label count")
      let originalTTL = try fields.integer(UInt32.self, "original TTL")
      let expiration = try fields.signatureTime("expiration")
      let inception = try fields.signatureTime("inception")
      let keyTag = try fields.integer(UInt16.self, "key tag")
      let signerName = try fields.name("signer name")
      let signatureToken = fields.peek()
      let signature = try fields.base64Remaining("signature")
      guard !signature.isEmpty else {
        throw fields.failure("the signature is empty", at: signatureToken ?? PresentationToken(text: []))
      }
      return RRSIG(
        typeCovered: typeCovered, algorithm: algorithm, labels: labels, originalTTL: originalTTL,
        expiration: expiration, inception: inception, keyTag: keyTag, signerName: signerName, signature: signature)
    }

    /// `A 13 3 3600 20300101000000 20240101120000 12345 example. base64…`, as `dig` prints it.
    public var presentation: String {
      "\(typeCovered) \(algorithm) \(labels) \(originalTTL) \(DNSSECTime.format(expiration)) "
        + "\(DNSSECTime.format(inception)) \(keyTag) \(signerName) "
        + PresentationText.words(Base64.encode(signature))
    }
  }
}
