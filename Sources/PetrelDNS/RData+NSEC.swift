extension RData {
  /// Authenticated denial of existence (RFC 4034 §4): the next name in the zone and the types at this one.
  public struct NSEC: RDataCodec {
    public var nextName: DomainName
    public var types: TypeBitmap

    public init(nextName: DomainName, types: TypeBitmap) {
      self.nextName = nextName
      self.types = types
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> NSEC {
      // RFC 4034 §4.1.1 and RFC 3597 §4: the next name is never compressed.
      let nextName = try reader.readName(allowCompression: false)
      return NSEC(nextName: nextName, types: try TypeBitmap.decode(from: &reader, owner: .nsec))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeName(nextName, compress: false)
      types.encode(to: &writer)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> NSEC {
      let nextName = try fields.name("next domain name")
      return NSEC(nextName: nextName, types: try TypeBitmap.parse(&fields))
    }

    /// `host.example. A RRSIG NSEC`.
    public var presentation: String {
      types.isEmpty ? nextName.description : "\(nextName) \(types.presentation)"
    }
  }
}
