extension RData {
  /// Hashed authenticated denial of existence (RFC 5155 §3): the next hashed owner name and the types here.
  public struct NSEC3: RDataCodec {
    public var hashAlgorithm: UInt8
    public var flags: UInt8
    public var iterations: UInt16
    public var salt: [UInt8]
    /// The raw hash of the next owner name (its base32hex form is the first label of that owner).
    public var nextHashedOwner: [UInt8]
    public var types: TypeBitmap

    public init(
      hashAlgorithm: UInt8, flags: UInt8, iterations: UInt16, salt: [UInt8], nextHashedOwner: [UInt8],
      types: TypeBitmap
    ) {
      self.hashAlgorithm = hashAlgorithm
      self.flags = flags
      self.iterations = iterations
      self.salt = salt
      self.nextHashedOwner = nextHashedOwner
      self.types = types
    }

    /// The opt-out flag (RFC 5155 §3.1.2.1): unsigned delegations may lie in the covered span.
    public var isOptOut: Bool { flags & 0x01 != 0 }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> NSEC3 {
      let hashAlgorithm = try reader.readUInt8()
      let flags = try reader.readUInt8()
      let iterations = try reader.readUInt16()
      let salt = try reader.readCharacterString()
      let hashOffset = reader.offset
      let nextHashedOwner = try reader.readCharacterString()
      guard !nextHashedOwner.isEmpty else {
        throw .invalidRData(type: .nsec3, offset: hashOffset, reason: "empty next hashed owner name")
      }
      return NSEC3(
        hashAlgorithm: hashAlgorithm, flags: flags, iterations: iterations, salt: salt,
        nextHashedOwner: nextHashedOwner, types: try TypeBitmap.decode(from: &reader, owner: .nsec3))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt8(hashAlgorithm)
      writer.writeUInt8(flags)
      writer.writeUInt16(iterations)
      writer.writeCharacterString(salt)
      writer.writeCharacterString(nextHashedOwner)
      types.encode(to: &writer)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> NSEC3 {
      let hashAlgorithm = try fields.integer(UInt8.self, "hash algorithm")
      let flags = try fields.integer(UInt8.self, "flags")
      let iterations = try fields.integer(UInt16.self, "iterations")
      let salt = try fields.salt()
      let hashToken = try fields.next("next hashed owner name")
      let hash: [UInt8]
      do {
        hash = try Base32Hex.decode(hashToken.text)
      } catch {
        throw fields.failure("next hashed owner name is not base32hex: \(error)", at: hashToken)
      }
      guard (1...255).contains(hash.count) else {
        throw fields.failure("next hashed owner name must be 1 to 255 octets", at: hashToken)
      }
      return NSEC3(
        hashAlgorithm: hashAlgorithm, flags: flags, iterations: iterations, salt: salt, nextHashedOwner: hash,
        types: try TypeBitmap.parse(&fields))
    }

    /// `1 1 3 ABCDEF01 D2GEUKUPK3DADLA97B20OCTA2K937G04 MX RRSIG`.
    public var presentation: String {
      let head =
        "\(hashAlgorithm) \(flags) \(iterations) \(PresentationText.salt(salt)) \(Base32Hex.encode(nextHashedOwner))"
      return types.isEmpty ? head : "\(head) \(types.presentation)"
    }
  }
}
