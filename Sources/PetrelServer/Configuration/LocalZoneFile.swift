import PetrelDNS

/// Reads one `local-zones` entry's zone file and checks that it is a zone Petrel can answer from.
///
/// The checks are those of an authoritative server loading a zone: the class is IN, there is exactly one SOA
/// and it sits at the apex, every record lies inside the zone, a CNAME is alone at its name, and nothing lies
/// below a DNAME. Errors about the file's contents point at the zone file's own line and column.
enum LocalZoneFile {
  static func load(_ item: ConfigurationMapping) throws(ConfigurationError) -> LocalZoneSource {
    let apex = try item.required("zone").domainName()
    let fileValue = try item.required("file")
    let path = try fileValue.filePath()
    let text: String
    do {
      text = try TextFileReader.contents(ofFile: path)
    } catch {
      throw fileValue.error(error.message)
    }
    let namedAt = [fileValue.context.fileName, fileValue.mark.map { "\($0.line)" }].compactMap { $0 }
    let origin = "local zone \(apex)" + (namedAt.isEmpty ? "" : ", named at \(namedAt.joined(separator: ":"))")
    func failure(_ line: Int, _ column: Int, _ message: String) -> ConfigurationError {
      ConfigurationError(file: path, line: line, column: column, key: fileValue.path, message: "\(message) (\(origin))")
    }
    var parser = ZoneFileParser(text: text, origin: apex, fileName: path)
    var entries: [ZoneFileParser.Entry] = []
    do {
      while let entry = try parser.nextEntry() { entries.append(entry) }
    } catch {
      throw failure(error.line, error.column, error.message)
    }
    var soaLine: Int?
    var typesByName: [DomainName: [(type: RRType, line: Int)]] = [:]
    var dnameOwners: [DomainName: Int] = [:]
    for entry in entries {
      let record = entry.record
      func refuse(_ message: String) -> ConfigurationError { failure(entry.line, entry.column, message) }
      guard record.rrClass == .internet else {
        throw refuse("local zones are class IN; this record is \(record.rrClass)")
      }
      guard record.name.isSubdomain(of: apex) else {
        throw refuse("\(record.name) is outside the zone \(apex); every record must be at or below the apex")
      }
      if record.type == .soa {
        guard record.name == apex else {
          throw refuse("SOA record at \(record.name): only the zone's apex \(apex) may have one")
        }
        if let soaLine { throw refuse("a second SOA record: the zone has one at line \(soaLine)") }
        soaLine = entry.line
      }
      for (other, line) in typesByName[record.name, default: []] {
        if let problem = conflict(record.type, other) {
          throw refuse("\(record.name) has \(problem) (the other at line \(line))")
        }
      }
      typesByName[record.name, default: []].append((record.type, entry.line))
      if record.type == .dname { dnameOwners[record.name] = entry.line }
    }
    guard soaLine != nil else {
      throw fileValue.error("the zone file \(path) has no SOA record at the apex \(apex)")
    }
    if !dnameOwners.isEmpty {
      for entry in entries {
        for ancestor in entry.record.name.ancestors where ancestor.isSubdomain(of: apex) {
          guard let line = dnameOwners[ancestor] else { continue }
          throw failure(
            entry.line, entry.column,
            "\(entry.record.name) lies below the DNAME at \(ancestor) (line \(line)), which allows no names below it")
        }
      }
    }
    return LocalZoneSource(apex: apex, file: path, records: entries.map(\.record))
  }

  /// Why records of these two types may not share a name, or nil when they may; DNSSEC records go with anything.
  private static func conflict(_ new: RRType, _ old: RRType) -> String? {
    let free: Set<RRType> = [.rrsig, .nsec, .nsec3]
    if free.contains(new) || free.contains(old) { return nil }
    if new == old, new == .cname || new == .dname { return "two \(new) records: a name has at most one" }
    if new == .cname || old == .cname {
      return "a CNAME and \(new == .cname ? old : new) records: a CNAME must be alone at its name (RFC 1034 §3.6.2)"
    }
    return nil
  }
}
