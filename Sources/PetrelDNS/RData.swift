/// What every typed RDATA payload can do: travel on the wire and in presentation (zone-file) form.
///
/// A decoder is handed a reader confined to the RDATA's own octets and must consume all of them; an encoder
/// decides for itself whether its names may be compressed (RFC 3597 §4: only the RFC 1035 types).
public protocol RDataCodec: Sendable, Hashable {
  static func decode(from reader: inout WireReader) throws(DNSWireError) -> Self
  func encode(to writer: inout WireWriter)
  static func parse(_ fields: inout RDataFields) throws(PresentationError) -> Self
  /// The RDATA as `dig` prints it.
  var presentation: String { get }
}

/// The RDATA of a resource record, typed for every type Petrel understands and opaque for the rest.
///
/// An enum so that a cache entry holds its data inline, switches are exhaustive, and an unknown type still
/// round-trips byte for byte (RFC 3597).
public enum RData: Sendable, Hashable {
  case a(IPv4Address)
  case aaaa(IPv6Address)
  case ns(DomainName)
  case cname(DomainName)
  case dname(DomainName)
  case ptr(DomainName)
  case soa(RData.SOA)
  case mx(RData.MX)
  case txt(RData.TXT)
  case srv(RData.SRV)
  case naptr(RData.NAPTR)
  case caa(RData.CAA)
  case hinfo(RData.HINFO)
  case sshfp(RData.SSHFP)
  case tlsa(RData.TLSA)
  case ds(RData.DS)
  case dnskey(RData.DNSKEY)
  case rrsig(RData.RRSIG)
  case nsec(RData.NSEC)
  case nsec3(RData.NSEC3)
  case nsec3param(RData.NSEC3PARAM)
  case svcb(RData.SVCB)
  case https(RData.SVCB)
  /// The options of an OPT pseudo-record (RFC 6891); `Message` turns the record itself into `EDNS`.
  case opt([EDNSOption])
  /// A type Petrel keeps as opaque octets.
  case unknown(Unknown)

  /// The record type this RDATA belongs to.
  public var type: RRType {
    switch self {
    case .a: .a
    case .aaaa: .aaaa
    case .ns: .ns
    case .cname: .cname
    case .dname: .dname
    case .ptr: .ptr
    case .soa: .soa
    case .mx: .mx
    case .txt: .txt
    case .srv: .srv
    case .naptr: .naptr
    case .caa: .caa
    case .hinfo: .hinfo
    case .sshfp: .sshfp
    case .tlsa: .tlsa
    case .ds: .ds
    case .dnskey: .dnskey
    case .rrsig: .rrsig
    case .nsec: .nsec
    case .nsec3: .nsec3
    case .nsec3param: .nsec3param
    case .svcb: .svcb
    case .https: .https
    case .opt: .opt
    case .unknown(let unknown): unknown.type
    }
  }

  /// The domain name a record of this type points to, for the types whose RDATA is one name.
  public var targetName: DomainName? {
    switch self {
    case .ns(let name), .cname(let name), .dname(let name), .ptr(let name): name
    default: nil
    }
  }

  /// Decodes `length` octets of RDATA of type `type` at the reader's position.
  public static func decode(
    type: RRType, from reader: inout WireReader, length: Int
  ) throws(DNSWireError) -> RData {
    try reader.withLimit(length, type: type) { (reader: inout WireReader) throws(DNSWireError) -> RData in
      switch type {
      case .a: .a(try IPv4Address.decode(from: &reader))
      case .aaaa: .aaaa(try IPv6Address.decode(from: &reader))
      case .ns: .ns(try reader.readName())
      case .cname: .cname(try reader.readName())
      // RFC 6672 §2.5 forbids compressing the DNAME target, but senders that do are accepted, as BIND does.
      case .dname: .dname(try reader.readName())
      case .ptr: .ptr(try reader.readName())
      case .soa: .soa(try SOA.decode(from: &reader))
      case .mx: .mx(try MX.decode(from: &reader))
      case .txt: .txt(try TXT.decode(from: &reader))
      case .srv: .srv(try SRV.decode(from: &reader))
      case .naptr: .naptr(try NAPTR.decode(from: &reader))
      case .caa: .caa(try CAA.decode(from: &reader))
      case .hinfo: .hinfo(try HINFO.decode(from: &reader))
      case .sshfp: .sshfp(try SSHFP.decode(from: &reader))
      case .tlsa: .tlsa(try TLSA.decode(from: &reader))
      case .ds: .ds(try DS.decode(from: &reader))
      case .dnskey: .dnskey(try DNSKEY.decode(from: &reader))
      case .rrsig: .rrsig(try RRSIG.decode(from: &reader))
      case .nsec: .nsec(try NSEC.decode(from: &reader))
      case .nsec3: .nsec3(try NSEC3.decode(from: &reader))
      case .nsec3param: .nsec3param(try NSEC3PARAM.decode(from: &reader))
      case .svcb: .svcb(try SVCB.decode(type: .svcb, from: &reader))
      case .https: .https(try SVCB.decode(type: .https, from: &reader))
      case .opt: .opt(try EDNSOption.decodeList(from: &reader))
      default: .unknown(try Unknown.decode(type: type, from: &reader))
      }
    }
  }

  /// Writes the RDATA (without its length field).
  public func encode(to writer: inout WireWriter) {
    switch self {
    case .a(let address): address.encode(to: &writer)
    case .aaaa(let address): address.encode(to: &writer)
    case .ns(let name), .cname(let name), .ptr(let name): writer.writeName(name, compress: true)
    case .dname(let name): writer.writeName(name, compress: false)
    case .soa(let soa): soa.encode(to: &writer)
    case .mx(let mx): mx.encode(to: &writer)
    case .txt(let txt): txt.encode(to: &writer)
    case .srv(let srv): srv.encode(to: &writer)
    case .naptr(let naptr): naptr.encode(to: &writer)
    case .caa(let caa): caa.encode(to: &writer)
    case .hinfo(let hinfo): hinfo.encode(to: &writer)
    case .sshfp(let sshfp): sshfp.encode(to: &writer)
    case .tlsa(let tlsa): tlsa.encode(to: &writer)
    case .ds(let ds): ds.encode(to: &writer)
    case .dnskey(let dnskey): dnskey.encode(to: &writer)
    case .rrsig(let rrsig): rrsig.encode(to: &writer)
    case .nsec(let nsec): nsec.encode(to: &writer)
    case .nsec3(let nsec3): nsec3.encode(to: &writer)
    case .nsec3param(let nsec3param): nsec3param.encode(to: &writer)
    case .svcb(let svcb), .https(let svcb): svcb.encode(to: &writer)
    case .opt(let options): for option in options { option.encode(to: &writer) }
    case .unknown(let unknown): writer.writeBytes(unknown.data)
    }
  }

  /// Parses presentation-form RDATA of type `type`; the generic `\# length hex` form is accepted for any type.
  public static func parse(type: RRType, fields: inout RDataFields) throws(PresentationError) -> RData {
    if let first = fields.peek(), first.text == Array("\\#".utf8), !first.isQuoted {
      let generic = try Unknown.parse(type: type, fields: &fields)
      return try fromGeneric(generic, fields: fields, token: first)
    }
    let value: RData =
      switch type {
      case .a: .a(try IPv4Address.parse(&fields))
      case .aaaa: .aaaa(try IPv6Address.parse(&fields))
      case .ns: .ns(try fields.name("nameserver name"))
      case .cname: .cname(try fields.name("canonical name"))
      case .dname: .dname(try fields.name("target name"))
      case .ptr: .ptr(try fields.name("pointer name"))
      case .soa: .soa(try SOA.parse(&fields))
      case .mx: .mx(try MX.parse(&fields))
      case .txt: .txt(try TXT.parse(&fields))
      case .srv: .srv(try SRV.parse(&fields))
      case .naptr: .naptr(try NAPTR.parse(&fields))
      case .caa: .caa(try CAA.parse(&fields))
      case .hinfo: .hinfo(try HINFO.parse(&fields))
      case .sshfp: .sshfp(try SSHFP.parse(&fields))
      case .tlsa: .tlsa(try TLSA.parse(&fields))
      case .ds: .ds(try DS.parse(&fields))
      case .dnskey: .dnskey(try DNSKEY.parse(&fields))
      case .rrsig: .rrsig(try RRSIG.parse(&fields))
      case .nsec: .nsec(try NSEC.parse(&fields))
      case .nsec3: .nsec3(try NSEC3.parse(&fields))
      case .nsec3param: .nsec3param(try NSEC3PARAM.parse(&fields))
      case .svcb: .svcb(try SVCB.parse(&fields))
      case .https: .https(try SVCB.parse(&fields))
      case .opt:
        throw fields.failure(
          "OPT is a pseudo-record with no presentation form; write it as '\\# length hex' (RFC 3597)",
          at: fields.peek() ?? PresentationToken(text: []))
      default:
        throw fields.failure(
          "\(type) data must be written in the generic form '\\# length hex' (RFC 3597)",
          at: fields.peek() ?? PresentationToken(text: []))
      }
    try fields.expectEnd()
    return value
  }

  /// Parses one record's RDATA from text, for tests and configuration.
  public init(type: RRType, presentation text: String, origin: DomainName? = nil) throws(PresentationError) {
    var fields = RDataFields(tokens: try PresentationTokenizer.tokens(of: text), type: type, origin: origin)
    self = try RData.parse(type: type, fields: &fields)
  }

  /// A known type written in the generic form is decoded into its typed form, so both spellings are equal.
  private static func fromGeneric(
    _ generic: Unknown, fields: RDataFields, token: PresentationToken
  ) throws(PresentationError) -> RData {
    do {
      return try generic.data.withUnsafeBytes { raw throws(DNSWireError) in
        var reader = WireReader(message: raw)
        return try RData.decode(type: generic.type, from: &reader, length: raw.count)
      }
    } catch {
      throw fields.failure("generic data does not hold a valid \(generic.type): \(error)", at: token)
    }
  }

  /// The RDATA as `dig` prints it.
  public var presentation: String {
    switch self {
    case .a(let address): address.description
    case .aaaa(let address): address.description
    case .ns(let name), .cname(let name), .dname(let name), .ptr(let name): name.description
    case .soa(let soa): soa.presentation
    case .mx(let mx): mx.presentation
    case .txt(let txt): txt.presentation
    case .srv(let srv): srv.presentation
    case .naptr(let naptr): naptr.presentation
    case .caa(let caa): caa.presentation
    case .hinfo(let hinfo): hinfo.presentation
    case .sshfp(let sshfp): sshfp.presentation
    case .tlsa(let tlsa): tlsa.presentation
    case .ds(let ds): ds.presentation
    case .dnskey(let dnskey): dnskey.presentation
    case .rrsig(let rrsig): rrsig.presentation
    case .nsec(let nsec): nsec.presentation
    case .nsec3(let nsec3): nsec3.presentation
    case .nsec3param(let nsec3param): nsec3param.presentation
    case .svcb(let svcb), .https(let svcb): svcb.presentation
    case .opt(let options): options.map(\.presentation).joined(separator: "; ")
    case .unknown(let unknown): unknown.presentation
    }
  }
}

extension RData: CustomStringConvertible {
  public var description: String { presentation }
}

extension RData {
  /// RDATA of a type Petrel does not interpret, kept as it arrived and printed the RFC 3597 way.
  public struct Unknown: Sendable, Hashable {
    public var type: RRType
    public var data: [UInt8]

    public init(type: RRType, data: [UInt8]) {
      self.type = type
      self.data = data
    }

    static func decode(type: RRType, from reader: inout WireReader) throws(DNSWireError) -> Unknown {
      Unknown(type: type, data: try reader.readBytes(reader.remaining))
    }

    /// Parses `\# <length> <hex>…` (the hex may be split into several fields).
    static func parse(type: RRType, fields: inout RDataFields) throws(PresentationError) -> Unknown {
      _ = try fields.next("generic marker")
      let length = try fields.integer(UInt16.self, "data length")
      if length == 0 {
        try fields.expectEnd()
        return Unknown(type: type, data: [])
      }
      let lengthToken = fields.tokens[fields.index - 1]
      let hex = try fields.remainingJoined("hexadecimal data")
      guard let data = PresentationText.decodeHex(hex) else {
        throw fields.failure("generic data is not hexadecimal", at: lengthToken)
      }
      guard data.count == Int(length) else {
        throw fields.failure("generic data has \(data.count) octets, not \(length)", at: lengthToken)
      }
      return Unknown(type: type, data: data)
    }

    /// `\# 4 0A000001`, upper-case hexadecimal as `dig` prints it.
    public var presentation: String {
      data.isEmpty ? "\\# 0" : "\\# \(data.count) \(PresentationText.hexBlocks(data))"
    }
  }
}

extension IPv4Address: RDataCodec {
  public static func decode(from reader: inout WireReader) throws(DNSWireError) -> IPv4Address {
    guard reader.remaining == 4 else {
      throw .rdataLengthMismatch(type: .a, offset: reader.offset)
    }
    return IPv4Address(try reader.readUInt32())
  }

  public func encode(to writer: inout WireWriter) { writer.writeUInt32(value) }

  public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> IPv4Address {
    let token = try fields.next("IPv4 address")
    guard let address = IPv4Address(token.string) else {
      throw fields.failure("'\(token.string)' is not an IPv4 address", at: token)
    }
    return address
  }

  public var presentation: String { description }
}

extension IPv6Address: RDataCodec {
  public static func decode(from reader: inout WireReader) throws(DNSWireError) -> IPv6Address {
    guard reader.remaining == 16 else {
      throw .rdataLengthMismatch(type: .aaaa, offset: reader.offset)
    }
    let high = UInt64(try reader.readUInt32()) << 32 | UInt64(try reader.readUInt32())
    let low = UInt64(try reader.readUInt32()) << 32 | UInt64(try reader.readUInt32())
    return IPv6Address(high: high, low: low)
  }

  public func encode(to writer: inout WireWriter) {
    writer.writeUInt32(UInt32(truncatingIfNeeded: high >> 32))
    writer.writeUInt32(UInt32(truncatingIfNeeded: high))
    writer.writeUInt32(UInt32(truncatingIfNeeded: low >> 32))
    writer.writeUInt32(UInt32(truncatingIfNeeded: low))
  }

  public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> IPv6Address {
    let token = try fields.next("IPv6 address")
    guard let address = IPv6Address(token.string) else {
      throw fields.failure("'\(token.string)' is not an IPv6 address", at: token)
    }
    return address
  }

  public var presentation: String { description }
}
