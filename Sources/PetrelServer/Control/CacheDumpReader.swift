import PetrelDNS
import PetrelResolver

/// Reads back the lines `dump-cache` writes in text form (see ``CacheDumpLines``), for `load-cache`.
///
/// Each data line is a zone-file record followed by the comment that carries what the cache knew about it:
/// `original-ttl`, `source` and `credibility` for records, `negative=NXDOMAIN|NODATA`, `name`, `type` and
/// `source` for denials (whose record is the SOA). Blank lines and comment lines (nameservers, packet
/// summaries, section headers) carry nothing to load and are skipped.
enum CacheDumpReader {
  /// What one line holds.
  enum Item: Sendable {
    case record(ResourceRecord, originalTTL: UInt32, source: UpstreamServer?, credibility: Credibility)
    case negative(NegativeEntry)
  }

  /// Why a line could not be read, said so that the operator can fix the line.
  struct LineError: Error, Sendable {
    var reason: String
  }

  /// The line's entry, or nil for a blank or comment line.
  static func parse(_ line: String) throws(LineError) -> Item? {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    if trimmed.isEmpty || trimmed.hasPrefix(";") { return nil }
    // The cache comment is the last " ; " on the line: RDATA (a TXT string) may contain one, the comment cannot.
    guard let marker = lastMarker(in: line) else {
      throw LineError(reason: "no cache comment (original-ttl=… or negative=…) after the record")
    }
    let recordText = String(line[..<marker.lowerBound])
    let fields = try keyValues(line[marker.upperBound...])
    let record = try parseRecord(recordText)
    let source = try parseSource(fields["source"])
    if let kind = fields["negative"] {
      return .negative(try negativeEntry(kind: kind, fields: fields, soa: record, source: source))
    }
    guard let originalText = fields["original-ttl"], let originalTTL = UInt32(originalText) else {
      throw LineError(reason: "the comment has no valid original-ttl")
    }
    guard let credibilityText = fields["credibility"], let credibility = Credibility(description: credibilityText)
    else {
      let known = Credibility.allCases.map(\.description).joined(separator: ", ")
      throw LineError(reason: "the comment has no valid credibility (one of \(known))")
    }
    return .record(record, originalTTL: originalTTL, source: source, credibility: credibility)
  }

  private static func negativeEntry(
    kind: String, fields: [String: String], soa: ResourceRecord, source: UpstreamServer?
  ) throws(LineError) -> NegativeEntry {
    guard case .soa = soa.rdata else { throw LineError(reason: "a negative entry's record must be its SOA") }
    guard let nameText = fields["name"], let name = try? DomainName(nameText) else {
      throw LineError(reason: "the comment has no valid name")
    }
    switch kind {
    case "NXDOMAIN":
      return NegativeEntry(name: name, type: nil, kind: .nxDomain, soa: soa, expiresAt: 0, source: source)
    case "NODATA":
      guard let typeText = fields["type"], let type = RRType(mnemonic: typeText) else {
        throw LineError(reason: "a NODATA entry needs type=TYPE")
      }
      return NegativeEntry(name: name, type: type, kind: .noData, soa: soa, expiresAt: 0, source: source)
    default:
      throw LineError(reason: "negative=\(kind): expected NXDOMAIN or NODATA")
    }
  }

  /// Where the last " ; " of the line is.
  private static func lastMarker(in line: String) -> Range<String.Index>? {
    let marker = CacheDumpLines.commentMarker
    var index = line.endIndex
    while index > line.startIndex {
      index = line.index(before: index)
      if line[index...].hasPrefix(marker) { return index..<line.index(index, offsetBy: marker.count) }
    }
    return nil
  }

  /// `key=value` words; values contain no spaces.
  private static func keyValues(_ text: Substring) throws(LineError) -> [String: String] {
    var fields: [String: String] = [:]
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
      guard let equals = word.firstIndex(of: "="), equals != word.startIndex else {
        throw LineError(reason: "'\(word)' in the comment is not key=value")
      }
      fields[String(word[..<equals])] = String(word[word.index(after: equals)...])
    }
    return fields
  }

  /// Exactly one record, with an absolute owner.
  private static func parseRecord(_ text: String) throws(LineError) -> ResourceRecord {
    var parser = ZoneFileParser(text: text)
    do {
      guard let record = try parser.next() else { throw LineError(reason: "no record before the comment") }
      guard try parser.next() == nil else { throw LineError(reason: "more than one record on the line") }
      return record
    } catch let error as LineError {
      throw error
    } catch {
      throw LineError(reason: "\(error)")
    }
  }

  /// `192.0.2.53:53`, `[2001:db8::53]:53`, or `none`.
  private static func parseSource(_ text: String?) throws(LineError) -> UpstreamServer? {
    guard let text else { throw LineError(reason: "the comment has no source") }
    if text == "none" { return nil }
    guard text.contains(":"), let listen = ListenAddress(text), let address = IPAddress(listen.host) else {
      throw LineError(reason: "source=\(text): expected ADDRESS:PORT or none")
    }
    return UpstreamServer(address: address, port: UInt16(listen.port))
  }
}
