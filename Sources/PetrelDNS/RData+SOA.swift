extension RData {
  /// The start of authority: the one record at a zone's apex that names its primary server and contact and
  /// carries the timers secondaries follow; a resolver needs its MINIMUM to cache negative answers (RFC 2308).
  public struct SOA: RDataCodec {
    /// MNAME: the primary name server of the zone.
    public var primaryNameServer: DomainName
    /// RNAME: the mailbox of the person responsible, with the first `.` standing for `@`.
    public var responsibleMailbox: DomainName
    public var serial: UInt32
    public var refresh: UInt32
    public var retry: UInt32
    public var expire: UInt32
    /// The TTL of negative answers from this zone (RFC 2308 §4), capped by the SOA record's own TTL.
    public var minimum: UInt32

    public init(
      primaryNameServer: DomainName, responsibleMailbox: DomainName, serial: UInt32, refresh: UInt32,
      retry: UInt32, expire: UInt32, minimum: UInt32
    ) {
      self.primaryNameServer = primaryNameServer
      self.responsibleMailbox = responsibleMailbox
      self.serial = serial
      self.refresh = refresh
      self.retry = retry
      self.expire = expire
      self.minimum = minimum
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> SOA {
      let primary = try reader.readName(in: .soa, allowCompression: true)
      let mailbox = try reader.readName(in: .soa, allowCompression: true)
      try reader.expectRemaining(exactly: 20, in: .soa)
      return SOA(
        primaryNameServer: primary, responsibleMailbox: mailbox, serial: try reader.readUInt32(),
        refresh: try reader.readUInt32(), retry: try reader.readUInt32(), expire: try reader.readUInt32(),
        minimum: try reader.readUInt32())
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeName(primaryNameServer, compress: true)
      writer.writeName(responsibleMailbox, compress: true)
      for value in [serial, refresh, retry, expire, minimum] { writer.writeUInt32(value) }
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> SOA {
      SOA(
        primaryNameServer: try fields.name("primary name server"),
        responsibleMailbox: try fields.name("responsible mailbox"),
        serial: try fields.integer(UInt32.self, "serial"), refresh: try fields.integer(UInt32.self, "refresh"),
        retry: try fields.integer(UInt32.self, "retry"), expire: try fields.integer(UInt32.self, "expire"),
        minimum: try fields.integer(UInt32.self, "minimum"))
    }

    public var presentation: String {
      "\(primaryNameServer) \(responsibleMailbox) \(serial) \(refresh) \(retry) \(expire) \(minimum)"
    }
  }
}
