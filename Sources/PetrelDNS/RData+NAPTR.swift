extension RData {
  /// A naming authority pointer (RFC 3403): one rewrite rule of the Dynamic Delegation Discovery System, used
  /// to find SIP, ENUM and other services for a name or a telephone number.
  ///
  /// The replacement is never compressed on the wire (RFC 3403 §4.1, RFC 3597 §4); a compressed one is still
  /// accepted when decoding, as BIND does.
  public struct NAPTR: RDataCodec {
    /// Rules are applied in increasing order.
    public var order: UInt16
    /// Among rules of equal order, lower values are preferred.
    public var preference: UInt16
    /// What to do with the result (`S`, `A`, `U`, `P`), at most 255 octets.
    public private(set) var flags: [UInt8]
    /// The services this rule leads to (`SIP+D2U`), at most 255 octets.
    public private(set) var services: [UInt8]
    /// A substitution expression applied to the client's string, at most 255 octets.
    public private(set) var regexp: [UInt8]
    /// The next name to look up when `regexp` is empty; `.` otherwise.
    public var replacement: DomainName

    /// Nil when `flags`, `services` or `regexp` is longer than 255 octets.
    public init?(
      order: UInt16, preference: UInt16, flags: [UInt8], services: [UInt8], regexp: [UInt8],
      replacement: DomainName
    ) {
      guard flags.count <= 255, services.count <= 255, regexp.count <= 255 else { return nil }
      self.init(
        validatedOrder: order, preference: preference, flags: flags, services: services, regexp: regexp,
        replacement: replacement)
    }

    private init(
      validatedOrder order: UInt16, preference: UInt16, flags: [UInt8], services: [UInt8], regexp: [UInt8],
      replacement: DomainName
    ) {
      self.order = order
      self.preference = preference
      self.flags = flags
      self.services = services
      self.regexp = regexp
      self.replacement = replacement
    }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> NAPTR {
      try reader.expectRemaining(atLeast: 4, in: .naptr)
      let order = try reader.readUInt16()
      let preference = try reader.readUInt16()
      let flags = try reader.readCharacterString(in: .naptr)
      let services = try reader.readCharacterString(in: .naptr)
      let regexp = try reader.readCharacterString(in: .naptr)
      return NAPTR(
        validatedOrder: order, preference: preference, flags: flags, services: services, regexp: regexp,
        replacement: try reader.readName(in: .naptr, allowCompression: true))
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt16(order)
      writer.writeUInt16(preference)
      writer.writeCharacterString(flags)
      writer.writeCharacterString(services)
      writer.writeCharacterString(regexp)
      writer.writeName(replacement, compress: false)
    }

    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> NAPTR {
      NAPTR(
        validatedOrder: try fields.integer(UInt16.self, "order"),
        preference: try fields.integer(UInt16.self, "preference"), flags: try fields.characterString("flags"),
        services: try fields.characterString("services"), regexp: try fields.characterString("regexp"),
        replacement: try fields.name("replacement"))
    }

    /// `100 10 "S" "SIP+D2U" "" _sip._udp.example.com.`
    public var presentation: String {
      let strings = [flags, services, regexp].map(PresentationText.quoted).joined(separator: " ")
      return "\(order) \(preference) \(strings) \(replacement)"
    }
  }
}
