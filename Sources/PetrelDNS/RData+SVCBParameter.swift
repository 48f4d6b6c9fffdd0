extension RData.SVCB {
  /// One SvcParam (RFC 9460 §7): typed for the keys a client acts on, opaque octets for the rest.
  public enum Parameter: Sendable, Hashable {
    /// Keys a client must understand to use the record; sorted, never `mandatory` itself.
    case mandatory([ParameterKey])
    /// ALPN protocol identifiers, in preference order.
    case alpn([[UInt8]])
    case noDefaultALPN
    case port(UInt16)
    case ipv4Hint([IPv4Address])
    /// An ECHConfigList (RFC 9460 §9), printed in base64.
    case ech([UInt8])
    case ipv6Hint([IPv6Address])
    /// The DNS-over-HTTPS URI template (RFC 9461), as octets.
    case dohPath([UInt8])
    /// Any other key, with its value as it arrived.
    case other(key: ParameterKey, value: [UInt8])

    public var key: ParameterKey {
      switch self {
      case .mandatory: .mandatory
      case .alpn: .alpn
      case .noDefaultALPN: .noDefaultALPN
      case .port: .port
      case .ipv4Hint: .ipv4Hint
      case .ech: .ech
      case .ipv6Hint: .ipv6Hint
      case .dohPath: .dohPath
      case .other(let key, _): key
      }
    }

    /// The value's wire form, without key and length.
    public var wireValue: [UInt8] {
      switch self {
      case .mandatory(let keys): keys.flatMap { [UInt8($0.rawValue >> 8), UInt8($0.rawValue & 0xFF)] }
      case .alpn(let ids): ids.flatMap { [UInt8(min($0.count, 255))] + $0.prefix(255) }
      case .noDefaultALPN: []
      case .port(let port): [UInt8(port >> 8), UInt8(port & 0xFF)]
      case .ipv4Hint(let addresses): addresses.flatMap(\.octets)
      case .ech(let config): config
      case .ipv6Hint(let addresses): addresses.flatMap(\.octets)
      case .dohPath(let path): path
      case .other(_, let value): value
      }
    }

    /// Interprets `value` for `key`; `reason` failures become `invalidRData` at the caller.
    static func fromWire(key: ParameterKey, value: [UInt8]) -> Result<Parameter, InvalidValue> {
      switch key {
      case .mandatory:
        guard !value.isEmpty, value.count % 2 == 0 else { return .failure("mandatory needs whole keys") }
        let keys = stride(from: 0, to: value.count, by: 2).map {
          ParameterKey(UInt16(value[$0]) << 8 | UInt16(value[$0 + 1]))
        }
        guard zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) else {
          return .failure("mandatory keys out of order or repeated")
        }
        guard !keys.contains(.mandatory) else { return .failure("mandatory lists itself") }
        return .success(.mandatory(keys))
      case .alpn:
        var ids: [[UInt8]] = []
        var index = 0
        while index < value.count {
          let length = Int(value[index])
          guard length > 0, index + 1 + length <= value.count else { return .failure("malformed alpn list") }
          ids.append(Array(value[(index + 1)...(index + length)]))
          index += 1 + length
        }
        guard !ids.isEmpty else { return .failure("empty alpn list") }
        return .success(.alpn(ids))
      case .noDefaultALPN:
        return value.isEmpty ? .success(.noDefaultALPN) : .failure("no-default-alpn takes no value")
      case .port:
        guard value.count == 2 else { return .failure("port needs 2 octets") }
        return .success(.port(UInt16(value[0]) << 8 | UInt16(value[1])))
      case .ipv4Hint:
        guard !value.isEmpty, value.count % 4 == 0 else { return .failure("ipv4hint needs whole addresses") }
        return .success(
          .ipv4Hint(
            stride(from: 0, to: value.count, by: 4).map {
              IPv4Address(value[$0], value[$0 + 1], value[$0 + 2], value[$0 + 3])
            }))
      case .ech:
        return value.isEmpty ? .failure("empty ech") : .success(.ech(value))
      case .ipv6Hint:
        guard !value.isEmpty, value.count % 16 == 0 else { return .failure("ipv6hint needs whole addresses") }
        let addresses = stride(from: 0, to: value.count, by: 16).compactMap {
          IPv6Address(octets: value[$0..<($0 + 16)])
        }
        return .success(.ipv6Hint(addresses))
      case .dohPath:
        return .success(.dohPath(value))
      case .invalid:
        return .failure("key 65535 is reserved")
      default:
        return .success(.other(key: key, value: value))
      }
    }

    /// A reason a SvcParam value is malformed.
    struct InvalidValue: Error, ExpressibleByStringLiteral {
      let reason: String
      init(stringLiteral reason: String) { self.reason = reason }
      init(_ reason: String) { self.reason = reason }
    }

    /// `key=value` as `dig` prints it.
    public var presentation: String {
      switch self {
      case .mandatory(let keys): "mandatory=" + keys.map(\.description).joined(separator: ",")
      case .alpn(let ids): "alpn=" + PresentationText.quoted(Self.valueList(ids))
      case .noDefaultALPN: "no-default-alpn"
      case .port(let port): "port=\(port)"
      case .ipv4Hint(let addresses): "ipv4hint=" + addresses.map(\.description).joined(separator: ",")
      case .ech(let config): "ech=" + Base64.encode(config)
      case .ipv6Hint(let addresses): "ipv6hint=" + addresses.map(\.description).joined(separator: ",")
      case .dohPath, .other:
        wireValue.isEmpty ? key.description : "\(key)=\(PresentationText.quoted(wireValue))"
      }
    }

    /// Joins items with commas, escaping `,` and `\` inside them (RFC 9460 Appendix A.1).
    private static func valueList(_ items: [[UInt8]]) -> [UInt8] {
      var out: [UInt8] = []
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        for byte in item {
          if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
          out.append(byte)
        }
      }
      return out
    }

    /// Splits an unescaped value at unescaped commas, applying `\X` inside items (RFC 9460 Appendix A.1).
    static func splitValueList(_ value: [UInt8]) -> [[UInt8]] {
      var items: [[UInt8]] = [[]]
      var index = 0
      while index < value.count {
        let byte = value[index]
        if byte == UInt8(ascii: "\\"), index + 1 < value.count {
          items[items.count - 1].append(value[index + 1])
          index += 2
          continue
        }
        if byte == UInt8(ascii: ",") { items.append([]) } else { items[items.count - 1].append(byte) }
        index += 1
      }
      return items
    }

    /// Builds a parameter from its presentation value (escapes already applied); nil value means `key` alone.
    static func fromPresentation(key: ParameterKey, value: [UInt8]?) -> Result<Parameter, InvalidValue> {
      let text = value.map { String(decoding: $0, as: UTF8.self) }
      switch key {
      case .mandatory:
        guard let value, !value.isEmpty else { return .failure("mandatory needs a list of keys") }
        var keys: [ParameterKey] = []
        for item in splitValueList(value) {
          let name = String(decoding: item, as: UTF8.self)
          guard let listed = ParameterKey(name: name) else {
            return .failure(InvalidValue("unknown key '\(name)' in mandatory"))
          }
          guard !keys.contains(listed) else { return .failure(InvalidValue("'\(name)' appears twice in mandatory")) }
          keys.append(listed)
        }
        guard !keys.contains(.mandatory) else { return .failure("mandatory lists itself") }
        return .success(.mandatory(keys.sorted()))
      case .alpn:
        guard let value, !value.isEmpty else { return .failure("alpn needs a list of protocol identifiers") }
        let ids = splitValueList(value)
        guard ids.allSatisfy({ (1...255).contains($0.count) }) else {
          return .failure("alpn identifiers must be 1 to 255 octets")
        }
        return .success(.alpn(ids))
      case .noDefaultALPN:
        return (value ?? []).isEmpty ? .success(.noDefaultALPN) : .failure("no-default-alpn takes no value")
      case .port:
        guard let text, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let port = UInt16(text)
        else { return .failure("port must be a number from 0 to 65535") }
        return .success(.port(port))
      case .ipv4Hint:
        let items = splitValueList(value ?? [])
        let valid = items.compactMap { IPv4Address(String(decoding: $0, as: UTF8.self)) }
        guard value?.isEmpty == false, valid.count == items.count else {
          return .failure("ipv4hint needs a list of IPv4 addresses")
        }
        return .success(.ipv4Hint(valid))
      case .ech:
        guard let value, !value.isEmpty, let config = try? Base64.decode(value) else {
          return .failure("ech must be base64")
        }
        return .success(.ech(config))
      case .ipv6Hint:
        let items = splitValueList(value ?? [])
        let valid = items.compactMap { IPv6Address(String(decoding: $0, as: UTF8.self)) }
        guard value?.isEmpty == false, valid.count == items.count else {
          return .failure("ipv6hint needs a list of IPv6 addresses")
        }
        return .success(.ipv6Hint(valid))
      case .dohPath:
        return .success(.dohPath(value ?? []))
      case .invalid:
        return .failure("key 65535 is reserved")
      default:
        return .success(.other(key: key, value: value ?? []))
      }
    }
  }
}
