extension RData {
  /// An SSH host key fingerprint (RFC 4255), so that a client can check a host key through DNSSEC instead of
  /// asking its user.
  public struct SSHFP: RDataCodec {
    /// The key algorithm: 1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519, 6 Ed448.
    public var algorithm: UInt8
    /// The hash of the key: 1 SHA-1, 2 SHA-256.
    public var fingerprintType: UInt8
    /// The hash, never empty.
    public private(set) var fingerprint: [UInt8]

    /// Nil when the fingerprint is empty or the RDATA would exceed 65 535 octets.
    public init?(algorithm: UInt8, fingerprintType: UInt8, fingerprint: [UInt8]) {
      guard !fingerprint.isEmpty, 2 + fingerprint.count <= Int(UInt16.max) else { return nil }
      self.init(validatedAlgorithm: algorithm, fingerprintType: fingerprintType, fingerprint: fingerprint)
    }

    private init(validatedAlgorithm algorithm: UInt8, fingerprintType: UInt8, fingerprint: [UInt8]) {
      self.algorithm = algorithm
      self.fingerprintType = fingerprintType
      self.fingerprint = fingerprint
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> SSHFP {
      try reader.expectRemaining(atLeast: 2, in: .sshfp)
      let algorithm = try reader.readUInt8()
      let fingerprintType = try reader.readUInt8()
      guard reader.remaining > 0 else {
        throw .invalidRData(type: .sshfp, offset: reader.offset, reason: "empty fingerprint")
      }
      return SSHFP(
        validatedAlgorithm: algorithm, fingerprintType: fingerprintType,
        fingerprint: try reader.readBytes(reader.remaining))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt8(algorithm)
      writer.writeUInt8(fingerprintType)
      writer.writeBytes(fingerprint)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> SSHFP {
      let algorithm = try fields.integer(UInt8.self, "algorithm")
      let fingerprintType = try fields.integer(UInt8.self, "fingerprint type")
      let start = fields.peek()
      let fingerprint = try fields.hexData("fingerprint")
      if let start, fingerprint.isEmpty || 2 + fingerprint.count > Int(UInt16.max) {
        throw fields.failure("SSHFP fingerprint must hold 1 to 65533 octets", at: start)
      }
      return SSHFP(validatedAlgorithm: algorithm, fingerprintType: fingerprintType, fingerprint: fingerprint)
    }

    /// `1 1 DD465C09…`, the hex in blocks of 56 digits as `dig` prints it.
    public var presentation: String {
      "\(algorithm) \(fingerprintType) \(PresentationText.hexBlocks(fingerprint))"
    }
  }
}
