extension Message {
  /// Encodes the message into at most `maxSize` octets (never more than 65 535), compressing names.
  ///
  /// Sections keep their order. When the records do not fit, whole RRsets are dropped from the end: from the
  /// additional section first without setting TC (RFC 2181 §9), then from the authority and answer sections
  /// with TC set. Header, questions and the OPT record are always kept; if they alone exceed `maxSize` the
  /// result is `doesNotFit` (or `messageTooLarge` past 65 535 octets).
  public func encode(maxSize: Int = 65535) throws(DNSWireError) -> [UInt8] {
    guard opcode.rawValue <= 0x0F else { throw .opcodeOutOfRange(opcode: opcode.rawValue) }
    guard rcode.rawValue <= RCode.maximum else { throw .rcodeOutOfRange(rcode: rcode.rawValue) }
    guard rcode.rawValue <= 0x0F || edns != nil else { throw .extendedRCodeWithoutEDNS(rcode: rcode.rawValue) }
    for section in [MessageSection.answer, .authority, .additional]
    where records(in: section).contains(where: { $0.type == .opt }) {
      throw .optInRecordSection(section: section)
    }
    let limit = min(maxSize, 65535)
    var writer = WireWriter(capacity: max(0, min(limit, 512)))
    writer.writeUInt16(id)
    writer.writeUInt16(MessageHeader.flagsWord(flags: flags, opcode: opcode, rcode: rcode))
    writer.writeUInt16(UInt16(truncatingIfNeeded: questions.count))
    writer.writeUInt32(0)  // ANCOUNT and NSCOUNT, patched below
    writer.writeUInt16(0)  // ARCOUNT
    for question in questions { question.encode(to: &writer) }
    let optLength = edns?.encodedLength ?? 0
    let required = writer.count + optLength
    guard required <= 65535 else { throw .messageTooLarge }
    guard required <= limit else { throw .doesNotFit(required: required, maxSize: maxSize) }

    let budget = limit - optLength
    var answerCount = answers.count
    var authorityCount = 0
    var additionalCount = 0
    var truncated = false
    if let kept = Self.encodeSection(answers, into: &writer, budget: budget) {
      answerCount = kept
      truncated = true
    } else {
      authorityCount = authorities.count
      if let kept = Self.encodeSection(authorities, into: &writer, budget: budget) {
        authorityCount = kept
        truncated = true
      } else {
        additionalCount = Self.encodeSection(additionals, into: &writer, budget: budget) ?? additionals.count
      }
    }
    edns?.encode(to: &writer, extendedRCode: rcode.extendedBits)

    if truncated {
      writer.patchUInt16(
        MessageHeader.flagsWord(flags: flags.union(.tc), opcode: opcode, rcode: rcode), at: 2)
    }
    writer.patchUInt16(UInt16(answerCount), at: 6)
    writer.patchUInt16(UInt16(authorityCount), at: 8)
    writer.patchUInt16(UInt16(additionalCount + (edns == nil ? 0 : 1)), at: 10)
    return writer.bytes
  }

  /// Writes a section's records; if they overflow `budget`, rewrites the longest run of whole RRsets (in
  /// order of first appearance) that fits, and returns how many records that kept. Nil when all fitted.
  private static func encodeSection(
    _ records: [ResourceRecord], into writer: inout WireWriter, budget: Int
  ) -> Int? {
    let sectionStart = writer.count
    for (position, record) in records.enumerated() {
      record.encode(to: &writer)
      if writer.count > budget {
        return rewriteWholeRRSets(records, overflowAt: position, from: sectionStart, into: &writer, budget: budget)
      }
    }
    return nil
  }

  /// The slow path of `encodeSection`: only runs when a message is truncated.
  private static func rewriteWholeRRSets(
    _ records: [ResourceRecord], overflowAt position: Int, from sectionStart: Int, into writer: inout WireWriter,
    budget: Int
  ) -> Int {
    var setIndex: [RRSetKey: Int] = [:]
    let sets = records.map { record in
      let key = RRSetKey(name: record.name, type: record.type, rrClass: record.rrClass)
      if let index = setIndex[key] { return index }
      setIndex[key] = setIndex.count
      return setIndex.count - 1
    }
    // Keeping every set met up to the overflowing record would rewrite the same overflowing prefix.
    var keptSets = sets[...position].max() ?? 0
    while true {
      writer.truncate(to: sectionStart)
      var kept = 0
      for (record, set) in zip(records, sets) where set < keptSets {
        record.encode(to: &writer)
        kept += 1
      }
      if writer.count <= budget || keptSets == 0 { return kept }
      keptSets -= 1
    }
  }
}
