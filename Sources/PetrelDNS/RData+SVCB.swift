extension RData {
  /// Service binding (RFC 9460): where and how to reach a service, shared by the SVCB and HTTPS types.
  ///
  /// The two types have the same RDATA, so one struct serves both; the record type is passed in wherever it
  /// matters (errors name it). Parameters are kept sorted by key, the order the wire form requires.
  public struct SVCB: RDataCodec {
    /// 0 is AliasMode; anything else is ServiceMode, lower values preferred.
    public var priority: UInt16
    /// `.` means the owner name itself (ServiceMode) or "no service" (AliasMode).
    public var target: DomainName
    /// In strictly increasing key order.
    public private(set) var parameters: [Parameter]

    /// Sorts `parameters` by key; repeated keys make an RDATA that decoders refuse.
    public init(priority: UInt16, target: DomainName, parameters: [Parameter] = []) {
      self.priority = priority
      self.target = target
      self.parameters = parameters.sorted { $0.key < $1.key }
    }

    public var isAliasMode: Bool { priority == 0 }

    /// The parameter with `key`, if present.
    public func parameter(_ key: ParameterKey) -> Parameter? { parameters.first { $0.key == key } }

    public static func decode(from reader: inout WireReader) throws(DNSWireError) -> SVCB {
      try decode(type: .svcb, from: &reader)
    }

    /// Decodes SVCB or HTTPS RDATA; `type` is named in errors.
    public static func decode(type: RRType, from reader: inout WireReader) throws(DNSWireError) -> SVCB {
      let priority = try reader.readUInt16()
      // RFC 9460 §2.2: the target name is never compressed.
      let target = try reader.readName(allowCompression: false)
      var parameters: [Parameter] = []
      var previousKey: ParameterKey? = nil
      while reader.remaining > 0 {
        let offset = reader.offset
        let key = ParameterKey(try reader.readUInt16())
        let length = Int(try reader.readUInt16())
        if let previousKey, key <= previousKey {
          let reason = key == previousKey ? "SvcParam \(key) repeated" : "SvcParam \(key) after \(previousKey)"
          throw .invalidRData(type: type, offset: offset, reason: reason)
        }
        guard reader.remaining >= length else { throw .rdataLengthMismatch(type: type, offset: offset) }
        switch Parameter.fromWire(key: key, value: try reader.readBytes(length)) {
        case .success(let parameter): parameters.append(parameter)
        case .failure(let invalid): throw .invalidRData(type: type, offset: offset, reason: invalid.reason)
        }
        previousKey = key
      }
      let rdata = SVCB(priority: priority, target: target, parameters: parameters)
      if let missing = rdata.missingMandatoryKey {
        throw .invalidRData(type: type, offset: reader.offset, reason: "mandatory key \(missing) is not present")
      }
      return rdata
    }

    /// A key that `mandatory` lists but the record does not carry (RFC 9460 §8 calls that malformed).
    var missingMandatoryKey: ParameterKey? {
      guard case .mandatory(let keys) = parameter(.mandatory) else { return nil }
      return keys.first { key in !parameters.contains { $0.key == key } }
    }

    public func encode(to writer: inout WireWriter) {
      writer.writeUInt16(priority)
      writer.writeName(target, compress: false)
      for parameter in parameters {
        let value = parameter.wireValue
        writer.writeUInt16(parameter.key.rawValue)
        writer.writeUInt16(UInt16(truncatingIfNeeded: value.count))
        writer.writeBytes(value)
      }
    }

    /// Parses `priority target key=value…`; parameters may come in any order and are sorted.
    public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> SVCB {
      let priority = try fields.integer(UInt16.self, "priority")
      let target = try fields.name("target name")
      let tokens = Array(fields.remaining())
      var parameters: [Parameter] = []
      var index = 0
      while index < tokens.count {
        let token = tokens[index]
        index += 1
        let equals = token.text.firstIndex(of: UInt8(ascii: "="))
        let name = String(decoding: token.text[..<(equals ?? token.text.endIndex)], as: UTF8.self)
        guard !token.isQuoted, let key = ParameterKey(name: name) else {
          throw fields.failure("'\(token.string)' is not a SvcParam key", at: token)
        }
        var value: [UInt8]? = nil
        if let equals {
          var valueToken = PresentationToken(
            text: Array(token.text[(equals + 1)...]), line: token.line, column: token.column + equals + 1)
          // `alpn="h2,h3"`: the tokenizer ends a field at the quote, so the value is the next, adjacent field.
          if valueToken.text.isEmpty, index < tokens.count, tokens[index].isQuoted,
            tokens[index].line == token.line, tokens[index].column == token.column + token.text.count
          {
            valueToken = tokens[index]
            index += 1
          }
          value = try fields.unescaped(valueToken)
        }
        guard !parameters.contains(where: { $0.key == key }) else {
          throw fields.failure("SvcParam \(key) appears twice", at: token)
        }
        switch Parameter.fromPresentation(key: key, value: value) {
        case .success(let parameter): parameters.append(parameter)
        case .failure(let invalid): throw fields.failure(invalid.reason, at: token)
        }
      }
      let rdata = SVCB(priority: priority, target: target, parameters: parameters)
      if let missing = rdata.missingMandatoryKey {
        throw fields.failure(
          "mandatory key \(missing) is not present", at: tokens.first ?? PresentationToken(text: []))
      }
      return rdata
    }

    /// `1 . alpn="h2,h3" port=8443`, as `dig` prints it.
    public var presentation: String {
      ([String(priority), target.description] + parameters.map(\.presentation)).joined(separator: " ")
    }
  }
}
