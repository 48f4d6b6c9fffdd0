/// One option of an OPT record (RFC 6891 §6.1.2), typed for the options a resolver acts on.
///
/// Options Petrel does not interpret — and well-formed-looking ones it cannot represent exactly, such as
/// padding with non-zero octets or extra text that is not UTF-8 — stay `.unknown`, so every option
/// round-trips byte for byte.
public enum EDNSOption: Sendable, Hashable {
  /// Name Server Identifier (RFC 5001): empty in a query, the server's identity in a response.
  case nsid([UInt8])
  /// DNS Cookie (RFC 7873): an 8-octet client cookie and an empty or 8-to-32-octet server cookie.
  case cookie(client: [UInt8], server: [UInt8])
  /// Padding (RFC 7830): this many zero octets.
  case padding(Int)
  /// Extended DNS Error (RFC 8914).
  case extendedError(ExtendedDNSError)
  /// Client Subnet (RFC 7871).
  case clientSubnet(ClientSubnet)
  /// Any other option, kept as it arrived.
  case unknown(code: UInt16, data: [UInt8])

  public static let nsidCode: UInt16 = 3
  public static let clientSubnetCode: UInt16 = 8
  public static let cookieCode: UInt16 = 10
  public static let paddingCode: UInt16 = 12
  public static let extendedErrorCode: UInt16 = 15

  /// The OPTION-CODE.
  public var code: UInt16 {
    switch self {
    case .nsid: Self.nsidCode
    case .cookie: Self.cookieCode
    case .padding: Self.paddingCode
    case .extendedError: Self.extendedErrorCode
    case .clientSubnet: Self.clientSubnetCode
    case .unknown(let code, _): code
    }
  }

  /// Reads options until the reader's limit (the end of the OPT RDATA).
  static func decodeList(from reader: inout WireReader) throws(DNSWireError) -> [EDNSOption] {
    var options: [EDNSOption] = []
    while reader.remaining > 0 {
      let start = reader.offset
      guard reader.remaining >= 4 else { throw .rdataLengthMismatch(type: .opt, offset: start) }
      let code = try reader.readUInt16()
      let length = Int(try reader.readUInt16())
      guard reader.remaining >= length else { throw .rdataLengthMismatch(type: .opt, offset: start) }
      let data = try reader.readBytes(length)
      options.append(try decode(code: code, data: data, offset: start))
    }
    return options
  }

  /// Types one option's data, failing only where the option's RFC makes a malformed value a FORMERR.
  static func decode(code: UInt16, data: [UInt8], offset: Int) throws(DNSWireError) -> EDNSOption {
    switch code {
    case nsidCode:
      return .nsid(data)
    case cookieCode:
      guard data.count == 8 || (16...40).contains(data.count) else {
        throw .invalidRData(type: .opt, offset: offset, reason: "cookie of \(data.count) octets")
      }
      return .cookie(client: Array(data.prefix(8)), server: Array(data.dropFirst(8)))
    case paddingCode where data.allSatisfy({ $0 == 0 }):
      return .padding(data.count)
    case extendedErrorCode:
      guard data.count >= 2 else {
        throw .invalidRData(type: .opt, offset: offset, reason: "extended error of \(data.count) octets")
      }
      guard let text = String(validating: data[2...], as: UTF8.self) else { return .unknown(code: code, data: data) }
      let info = ExtendedDNSError.InfoCode(rawValue: UInt16(data[0]) << 8 | UInt16(data[1]))
      return .extendedError(ExtendedDNSError(code: info, extraText: text))
    case clientSubnetCode:
      guard data.count >= 4 else {
        throw .invalidRData(type: .opt, offset: offset, reason: "client subnet of \(data.count) octets")
      }
      do {
        return .clientSubnet(
          try ClientSubnet(
            family: UInt16(data[0]) << 8 | UInt16(data[1]), sourcePrefixLength: data[2],
            scopePrefixLength: data[3], address: Array(data[4...])))
      } catch {
        throw .invalidRData(type: .opt, offset: offset, reason: "client subnet: \(error)")
      }
    default:
      return .unknown(code: code, data: data)
    }
  }

  /// The option's data, without code and length.
  public var data: [UInt8] {
    switch self {
    case .nsid(let data): data
    case .cookie(let client, let server): client + server
    case .padding(let count): [UInt8](repeating: 0, count: max(0, count))
    case .extendedError(let error):
      [UInt8(truncatingIfNeeded: error.code.rawValue >> 8), UInt8(truncatingIfNeeded: error.code.rawValue)]
        + Array(error.extraText.utf8)
    case .clientSubnet(let subnet):
      [
        UInt8(truncatingIfNeeded: subnet.family >> 8), UInt8(truncatingIfNeeded: subnet.family),
        subnet.sourcePrefixLength, subnet.scopePrefixLength,
      ] + subnet.address
    case .unknown(_, let data): data
    }
  }

  /// Writes code, length and data.
  public func encode(to writer: inout WireWriter) {
    let data = self.data
    writer.writeUInt16(code)
    writer.writeUInt16(UInt16(truncatingIfNeeded: data.count))
    writer.writeBytes(data)
  }

  /// The octets this option takes in the OPT RDATA.
  public var encodedLength: Int {
    switch self {
    case .padding(let count): 4 + max(0, count)
    default: 4 + data.count
    }
  }

  /// The option as `dig` prints it in the OPT pseudosection: `NSID: 70 65 ("pe")`, `COOKIE: a67f…`.
  public var presentation: String {
    switch self {
    case .nsid(let data): data.isEmpty ? "NSID:" : "NSID: \(Self.dump(data))"
    case .cookie(let client, let server): "COOKIE: \(PresentationText.hex(client + server).lowercased())"
    case .padding(let count): "PADDING: (\(count) bytes)"
    case .extendedError(let error):
      error.extraText.isEmpty ? "EDE: \(error.code)" : "EDE: \(error.code): (\(error.extraText))"
    case .clientSubnet(let subnet): "CLIENT-SUBNET: \(subnet.presentation)"
    case .unknown(let code, let data): data.isEmpty ? "OPT=\(code):" : "OPT=\(code): \(Self.dump(data))"
    }
  }

  /// Space-separated lower-case hex followed by the octets as ASCII, unprintable ones as dots.
  static func dump(_ data: [UInt8]) -> String {
    let hex = data.map { PresentationText.hex([$0]).lowercased() }.joined(separator: " ")
    let ascii = String(decoding: data.map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: ".") }, as: UTF8.self)
    return "\(hex) (\"\(ascii)\")"
  }
}

extension EDNSOption: CustomStringConvertible {
  public var description: String { presentation }
}
