extension RData {
  /// A mail exchanger: where mail for the owner name goes, and in which order to try (RFC 1035 §3.3.9).
  public struct MX: RDataCodec {
    /// Lower values are tried first.
    public var preference: UInt16
    /// The host that accepts the mail; `.` says the domain accepts none (RFC 7505).
    public var exchange: DomainName

    public init(preference: UInt16, exchange: DomainName) {
      self.preference = preference
      self.exchange = exchange
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> MX {
      try reader.expectRemaining(atLeast: 3, in: .mx)
      return MX(preference: try reader.readUInt16(), exchange: try reader.readName(in: .mx, allowCompression: true))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt16(preference)
      writer.writeName(exchange, compress: true)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> MX {
      MX(preference: try fields.integer(UInt16.self, "preference"), exchange: try fields.name("mail exchanger"))
    }

    public var presentation: String { "\(preference) \(exchange)" }
  }
}
