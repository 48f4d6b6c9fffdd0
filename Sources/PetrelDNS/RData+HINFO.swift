extension RData {
  /// Host information (RFC 1035 §3.3.2): two strings naming a host's CPU and operating system.
  ///
  /// Rare in zones today, but RFC 8482 has servers answer ANY queries with a synthesised HINFO, so a
  /// resolver meets it.
  public struct HINFO: RDataCodec {
    public private(set) var cpu: [UInt8]
    public private(set) var os: [UInt8]

    /// Nil when either string is longer than 255 octets.
    public init?(cpu: [UInt8], os: [UInt8]) {
      guard cpu.count <= 255, os.count <= 255 else { return nil }
      self.cpu = cpu
      self.os = os
    }

    /// Convenience for text: both strings as UTF-8.
    public init?(cpu: String, os: String) {
      self.init(cpu: Array(cpu.utf8), os: Array(os.utf8))
    }

    private init(validatedCPU cpu: [UInt8], os: [UInt8]) {
      self.cpu = cpu
      self.os = os
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> HINFO {
      let cpu = try reader.readCharacterString(in: .hinfo)
      let os = try reader.readCharacterString(in: .hinfo)
      return HINFO(validatedCPU: cpu, os: os)
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeCharacterString(cpu)
      writer.writeCharacterString(os)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> HINFO {
      HINFO(validatedCPU: try fields.characterString("CPU"), os: try fields.characterString("OS"))
    }

    public var presentation: String { "\(PresentationText.quoted(cpu)) \(PresentationText.quoted(os))" }
  }
}
