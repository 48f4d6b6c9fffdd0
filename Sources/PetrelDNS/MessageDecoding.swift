extension Message {
  /// Decodes a complete message; see `init(decoding: UnsafeRawBufferPointer)`.
  public init(decoding bytes: [UInt8]) throws(DNSWireError) {
    // `withUnsafeBytes` rethrows untyped errors, so the typed error travels in a `Result`.
    let result = bytes.withUnsafeBytes { raw in Result { () throws(DNSWireError) in try Message(decoding: raw) } }
    self = try result.get()
  }

  /// Decodes a complete message, refusing anything that is not exactly one well-formed message.
  ///
  /// Section counts must match the records present (`sectionCountMismatch` when the message ends early,
  /// `trailingBytes` when octets are left over); an OPT record must have the root as owner and sit in the
  /// additional section, and there may be only one. Its fields become `edns`, and its extended rcode bits
  /// are folded into `rcode`.
  public init(decoding bytes: UnsafeRawBufferPointer) throws(DNSWireError) {
    let header = try MessageHeader(decoding: bytes)
    var reader = WireReader(message: bytes, offset: MessageHeader.length)
    var questions: [Question] = []
    questions.reserveCapacity(min(header.questionCount, 4))
    for found in 0..<header.questionCount {
      guard reader.remaining > 0 else {
        throw .sectionCountMismatch(section: .question, declared: header.questionCount, found: found)
      }
      questions.append(try Question.decode(from: &reader))
    }
    var opt: (payloadSize: UInt16, ttl: UInt32, options: [EDNSOption])? = nil
    let answers = try Self.decodeSection(.answer, count: header.answerCount, from: &reader, opt: &opt)
    let authorities = try Self.decodeSection(.authority, count: header.authorityCount, from: &reader, opt: &opt)
    let additionals = try Self.decodeSection(.additional, count: header.additionalCount, from: &reader, opt: &opt)
    guard reader.remaining == 0 else { throw .trailingBytes(offset: reader.offset) }

    var rcode = header.rcode
    var edns: EDNS? = nil
    if let opt {
      edns = EDNS(udpPayloadSize: opt.payloadSize, ttl: opt.ttl, options: opt.options)
      rcode = RCode(headerBits: header.rcode.headerBits, extendedBits: UInt8(truncatingIfNeeded: opt.ttl >> 24))
    }
    self.init(
      id: header.id, flags: header.flags, opcode: header.opcode, rcode: rcode, questions: questions,
      answers: answers, authorities: authorities, additionals: additionals, edns: edns)
  }

  /// Reads `count` records of one section, taking the OPT record out into `opt`.
  private static func decodeSection(
    _ section: MessageSection, count: Int, from reader: inout WireReader,
    opt: inout (payloadSize: UInt16, ttl: UInt32, options: [EDNSOption])?
  ) throws(DNSWireError) -> [ResourceRecord] {
    var records: [ResourceRecord] = []
    records.reserveCapacity(min(count, 16))
    for found in 0..<count {
      guard reader.remaining > 0 else {
        throw .sectionCountMismatch(section: section, declared: count, found: found)
      }
      let start = reader.offset
      let record = try ResourceRecord.decode(from: &reader)
      guard case .opt(let options) = record.rdata else {
        records.append(record)
        continue
      }
      guard section == .additional, record.name.isRoot else { throw .misplacedOPT(offset: start) }
      guard opt == nil else { throw .duplicateOPT(offset: start) }
      opt = (record.rrClass.rawValue, record.ttl, options)
    }
    return records
  }
}
