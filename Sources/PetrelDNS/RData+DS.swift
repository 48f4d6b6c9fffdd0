extension RData {
  /// A delegation signer (RFC 4034 §5): the parent's hash of a child's key, the link of the chain of trust.
  public struct DS: RDataCodec {
    public var keyTag: UInt16
    public var algorithm: UInt8
    public var digestType: UInt8
    public var digest: [UInt8]

    public init(keyTag: UInt16, algorithm: UInt8, digestType: UInt8, digest: [UInt8]) {
      self.keyTag = keyTag
      self.algorithm = algorithm
      self.digestType = digestType
      self.digest = digest
    }

    /// The digest lengths of the registered digest types (SHA-1, SHA-256, GOST, SHA-384); others are not checked.
    static let digestLengths: [UInt8: Int] = [1: 20, 2: 32, 3: 32, 4: 48]

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> DS {
      let start = reader.offset
      let keyTag = try reader.readUInt16()
      let algorithm = try reader.readUInt8()
      let digestType = try reader.readUInt8()
      guard reader.remaining > 0 else { throw .invalidRData(type: .ds, offset: start, reason: "no digest") }
      if let expected = digestLengths[digestType], reader.remaining != expected {
        throw .invalidRData(
          type: .ds, offset: start,
          reason: "digest type \(digestType) needs \(expected) octets, not \(reader.remaining)")
      }
      return DS(
        keyTag: keyTag, algorithm: algorithm, digestType: digestType, digest: try reader.readBytes(reader.remaining))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt16(keyTag)
      writer.writeUInt8(algorithm)
      writer.writeUInt8(digestType)
      writer.writeBytes(digest)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> DS {
      let keyTag = try fields.integer(UInt16.self, "key tag")
      let algorithm = try fields.dnssecAlgorithm()
      let digestType = try fields.integer(UInt8.self, "digest type")
      let digestToken = fields.peek()
      let digest = try fields.hexRemaining("digest")
      if let expected = digestLengths[digestType], digest.count != expected, let digestToken {
        throw fields.failure(
          "digest type \(digestType) needs \(expected) octets, not \(digest.count)", at: digestToken)
      }
      return DS(keyTag: keyTag, algorithm: algorithm, digestType: digestType, digest: digest)
    }

    /// `20326 8 2 E06D…`: the digest in upper-case hex, cut into words as `dig` does.
    public var presentation: String {
      "\(keyTag) \(algorithm) \(digestType) \(PresentationText.words(PresentationText.hex(digest)))"
    }
  }
}
