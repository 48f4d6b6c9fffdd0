/// The root nameservers and their addresses: where iterative resolution starts (RFC 1034 §5.3.2).
///
/// Hints are only a starting point: the resolver primes them with a live `. NS` query (RFC 9609). A hints file
/// is checked strictly, because a mistake in it sends every query astray: it must name at least one root
/// nameserver, give every one of them an address, and hold nothing else.
public struct RootHints: Sendable, Equatable {
  /// An address of a root nameserver.
  public enum Address: Sendable, Hashable, CustomStringConvertible {
    case v4(IPv4Address)
    case v6(IPv6Address)

    public var description: String {
      switch self {
      case .v4(let address): address.description
      case .v6(let address): address.description
      }
    }
  }

  /// The root's NS targets, in the order of the text.
  public private(set) var nameservers: [DomainName]
  /// Every nameserver's addresses, in the order of the text; each has at least one.
  public private(set) var addresses: [DomainName: [Address]]
  /// The records as read (NS set and addresses), to seed a cache.
  public private(set) var records: [ResourceRecord]

  /// Parses and checks hints in `named.root` form.
  public init(text: String, fileName: String? = nil) throws(PresentationError) {
    var parser = ZoneFileParser(text: text, origin: .root, fileName: fileName)
    var nsEntries: [ZoneFileParser.Entry] = []
    var addressEntries: [ZoneFileParser.Entry] = []
    var records: [ResourceRecord] = []
    while let entry = try parser.nextEntry() {
      func failure(_ message: String) -> PresentationError {
        PresentationError(line: entry.line, column: entry.column, message: message, file: fileName)
      }
      let record = entry.record
      guard record.rrClass == .internet else { throw failure("root hints must be class IN, not \(record.rrClass)") }
      switch record.rdata {
      case .ns:
        guard record.name.isRoot else {
          throw failure("NS record for \(record.name): root hints hold only the NS records of the root '.'")
        }
        nsEntries.append(entry)
      case .a, .aaaa:
        addressEntries.append(entry)
      default:
        throw failure("\(record.type) record: root hints hold only the root's NS records and their A and AAAA records")
      }
      records.append(record)
    }
    nameservers = []
    addresses = [:]
    for entry in nsEntries {
      guard let target = entry.record.rdata.targetName, !nameservers.contains(target) else { continue }
      nameservers.append(target)
    }
    guard !nameservers.isEmpty else {
      throw PresentationError(
        line: 1, column: 1, message: "root hints hold no NS records for the root '.'", file: fileName)
    }
    for entry in addressEntries {
      let owner = entry.record.name
      guard nameservers.contains(owner) else {
        throw PresentationError(
          line: entry.line, column: entry.column,
          message: "\(entry.record.type) record for \(owner), which is not one of the root's nameservers",
          file: fileName)
      }
      let address: Address
      switch entry.record.rdata {
      case .a(let v4): address = .v4(v4)
      case .aaaa(let v6): address = .v6(v6)
      default: continue
      }
      if !addresses[owner, default: []].contains(address) { addresses[owner, default: []].append(address) }
    }
    for entry in nsEntries {
      guard let target = entry.record.rdata.targetName, addresses[target] == nil else { continue }
      throw PresentationError(
        line: entry.line, column: entry.column,
        message: "root nameserver \(target) has no A or AAAA record in the hints", file: fileName)
    }
    self.records = records
  }
}
