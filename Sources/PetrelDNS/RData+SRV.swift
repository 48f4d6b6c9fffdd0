extension RData {
  /// The location of a service (RFC 2782): which hosts and ports serve `_service._proto.name`, with priority
  /// and load-balancing weight.
  ///
  /// The target is never compressed on the wire (RFC 2782, RFC 3597 §4); a compressed one is still accepted
  /// when decoding, as BIND does.
  public struct SRV: RDataCodec {
    /// Lower values are tried first.
    public var priority: UInt16
    /// The relative share of requests among targets of the same priority.
    public var weight: UInt16
    public var port: UInt16
    /// The host that offers the service; `.` says the service is not available here.
    public var target: DomainName

    public init(priority: UInt16, weight: UInt16, port: UInt16, target: DomainName) {
      self.priority = priority
      self.weight = weight
      self.port = port
      self.target = target
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> SRV {
      try reader.expectRemaining(atLeast: 7, in: .srv)
      return SRV(
        priority: try reader.readUInt16(), weight: try reader.readUInt16(), port: try reader.readUInt16(),
        target: try reader.readName(in: .srv, allowCompression: true))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt16(priority)
      writer.writeUInt16(weight)
      writer.writeUInt16(port)
      writer.writeName(target, compress: false)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> SRV {
      SRV(
        priority: try fields.integer(UInt16.self, "priority"), weight: try fields.integer(UInt16.self, "weight"),
        port: try fields.integer(UInt16.self, "port"), target: try fields.name("target"))
    }

    public var presentation: String { "\(priority) \(weight) \(port) \(target)" }
  }
}
