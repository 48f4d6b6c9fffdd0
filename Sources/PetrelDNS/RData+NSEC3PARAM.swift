extension RData {
  /// The NSEC3 parameters a zone's authoritative servers hash names with (RFC 5155 §4), kept at the apex.
  public struct NSEC3PARAM: RDataCodec {
    public var hashAlgorithm: UInt8
    public var flags: UInt8
    public var iterations: UInt16
    public var salt: [UInt8]

    public init(hashAlgorithm: UInt8, flags: UInt8, iterations: UInt16, salt: [UInt8]) {
      self.hashAlgorithm = hashAlgorithm
      self.flags = flags
      self.iterations = iterations
      self.salt = salt
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> NSEC3PARAM {
      let hashAlgorithm = try reader.readUInt8()
      let flags = try reader.readUInt8()
      let iterations = try reader.readUInt16()
      let salt = try reader.readCharacterString()
      return NSEC3PARAM(hashAlgorithm: hashAlgorithm, flags: flags, iterations: iterations, salt: salt)
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt8(hashAlgorithm)
      writer.writeUInt8(flags)
      writer.writeUInt16(iterations)
      writer.writeCharacterString(salt)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> NSEC3PARAM {
      let hashAlgorithm = try fields.integer(UInt8.self, "hash algorithm")
      let flags = try fields.integer(UInt8.self, "flags")
      let iterations = try fields.integer(UInt16.self, "iterations")
      return NSEC3PARAM(hashAlgorithm: hashAlgorithm, flags: flags, iterations: iterations, salt: try fields.salt())
    }

    /// `1 0 0 -`.
    public var presentation: String { "\(hashAlgorithm) \(flags) \(iterations) \(PresentationText.salt(salt))" }
  }
}
