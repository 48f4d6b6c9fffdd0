import PetrelDNS

/// Trust anchors given as zone-file text (inline or in a file): only DS and DNSKEY records, with absolute
/// owner names, the forms Unbound's `trust-anchor` and `trust-anchor-file` take.
enum TrustAnchorSetting {
  /// Parses `text` (one record per line; a TTL may be left out) and checks every record is a DS or a DNSKEY.
  static func records(fromText text: String, fileName: String? = nil) throws(PresentationError) -> [ResourceRecord] {
    var parser = ZoneFileParser(text: text, origin: .root, defaultTTL: 0, fileName: fileName)
    var records: [ResourceRecord] = []
    while let entry = try parser.nextEntry() {
      guard entry.record.type == .ds || entry.record.type == .dnskey else {
        throw PresentationError(
          line: entry.line, column: entry.column,
          message: "a trust anchor is a DS or DNSKEY record, not \(entry.record.type)", file: fileName)
      }
      records.append(entry.record)
    }
    guard !records.isEmpty else {
      throw PresentationError(line: 1, column: 1, message: "no trust anchor records", file: fileName)
    }
    return records
  }

  /// `resolver.trust-anchors`: a list of records written inline.
  static func inline(_ value: ConfigurationValue) throws(ConfigurationError) -> [ResourceRecord] {
    var anchors: [ResourceRecord] = []
    for item in try value.list() {
      let text = try item.string("a DS or DNSKEY record in zone-file syntax")
      do {
        anchors += try TrustAnchorSetting.records(fromText: text)
      } catch {
        throw item.error("trust anchor: \(error.message)")
      }
    }
    return anchors
  }

  /// `resolver.trust-anchor-file`: a file of DS/DNSKEY records; errors point at the file's line and column.
  static func file(_ value: ConfigurationValue) throws(ConfigurationError) -> [ResourceRecord] {
    let path = try value.filePath()
    let text: String
    do {
      text = try TextFileReader.contents(ofFile: path)
    } catch {
      throw value.error(error.message)
    }
    do {
      return try records(fromText: text, fileName: path)
    } catch {
      throw ConfigurationError(
        file: path, line: error.line, column: error.column, key: value.path, message: "trust anchors: \(error.message)")
    }
  }

  /// `resolver.negative-trust-anchors`: names below which answers are treated as unsigned.
  static func negative(_ value: ConfigurationValue) throws(ConfigurationError) -> [DomainName] {
    try value.list().map { (item) throws(ConfigurationError) in try item.domainName() }
  }
}
