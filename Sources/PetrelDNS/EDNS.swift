/// The EDNS(0) state of a message (RFC 6891): what its OPT pseudo-record said, as plain fields.
///
/// `Message` keeps this apart from the additional section because the OPT record is not data: its CLASS
/// and TTL are reused for the payload size, extended rcode, version and flags, and the encoder must be able
/// to write it last and keep it when everything else is dropped for size.
public struct EDNS: Sendable, Hashable {
  /// The largest UDP payload the sender can reassemble.
  public var udpPayloadSize: UInt16
  public var version: UInt8
  /// The DO bit: the sender wants DNSSEC records.
  public var dnssecOK: Bool
  /// The other 15 flag bits, which must be zero today; kept so that a message round-trips.
  public var reservedFlags: UInt16
  public var options: [EDNSOption]

  public init(
    udpPayloadSize: UInt16 = 1232, version: UInt8 = 0, dnssecOK: Bool = false, options: [EDNSOption] = [],
    reservedFlags: UInt16 = 0
  ) {
    self.udpPayloadSize = udpPayloadSize
    self.version = version
    self.dnssecOK = dnssecOK
    self.options = options
    self.reservedFlags = reservedFlags & 0x7FFF
  }

  static let dnssecOKBit: UInt32 = 0x8000

  /// Reads the fields an OPT record's CLASS and TTL carry; returns the extended rcode bits alongside.
  init(udpPayloadSize: UInt16, ttl: UInt32, options: [EDNSOption]) {
    self.init(
      udpPayloadSize: udpPayloadSize, version: UInt8(truncatingIfNeeded: ttl >> 16),
      dnssecOK: ttl & Self.dnssecOKBit != 0, options: options, reservedFlags: UInt16(truncatingIfNeeded: ttl) & 0x7FFF)
  }

  /// The OPT record's TTL field for this state and the extended rcode bits.
  func ttl(extendedRCode: UInt8) -> UInt32 {
    UInt32(extendedRCode) << 24 | UInt32(version) << 16 | (dnssecOK ? Self.dnssecOKBit : 0)
      | UInt32(reservedFlags & 0x7FFF)
  }

  /// The octets the OPT record takes: root owner (1), type, class, TTL, RDLENGTH (10) and the options.
  public var encodedLength: Int { options.reduce(11) { $0 + $1.encodedLength } }

  /// Writes the whole OPT record.
  func encode(to writer: inout WireWriter, extendedRCode: UInt8) {
    writer.writeUInt8(0)
    writer.writeUInt16(RRType.opt.rawValue)
    writer.writeUInt16(udpPayloadSize)
    writer.writeUInt32(ttl(extendedRCode: extendedRCode))
    writer.writeUInt16(UInt16(truncatingIfNeeded: encodedLength - 11))
    for option in options { option.encode(to: &writer) }
  }

  /// The OPT pseudosection lines as `dig` prints them, each starting with `; `.
  public var presentationLines: [String] {
    var header = "; EDNS: version: \(version), flags:\(dnssecOK ? " do" : "");"
    if reservedFlags != 0 {
      header +=
        " MBZ: 0x\(PresentationText.hex([UInt8(reservedFlags >> 8), UInt8(reservedFlags & 0xFF)]).lowercased()),"
    }
    header += " udp: \(udpPayloadSize)"
    return [header] + options.map { "; \($0.presentation)" }
  }
}
