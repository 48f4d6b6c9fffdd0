import PetrelDNS
import PetrelResolver
import Testing

@testable import PetrelServer

/// The dump's pieces in-process: the canonical sort key agrees with `DomainName`'s canonical order, and every
/// line `dump-cache` writes reads back as the entry it came from.
@Suite("dump format")
struct DumpFormatTests {
  @Test func theSortKeyOrdersNamesAsTheCanonicalOrderDoes() throws {
    var generator = SystemRandomNumberGenerator()
    let alphabet: [UInt8] = [0, 1, 2, 0x2D, 0x41, 0x5A, 0x61, 0x7A, 0xFF]
    var names: [DomainName] = []
    for _ in 0..<2_000 {
      let labels = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
        (0..<Int.random(in: 1...3, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
      }
      names.append(try DomainName(labels: labels))
    }
    let byKey = CanonicalSortKey.sorted(names, name: { $0 }, rank: { _ in 0 })
    for (earlier, later) in zip(byKey, byKey.dropFirst()) {
      #expect(!(later < earlier), "\(earlier) before \(later)")
    }
  }

  func parsed(_ text: String) throws -> ResourceRecord {
    var parser = ZoneFileParser(text: text)
    return try #require(try parser.next())
  }

  @Test func recordAndDenialLinesReadBackAsTheirEntries() throws {
    let source = UpstreamServer(address: IPAddress("2001:db8::53")!, port: 5353)
    let rrset = RRSet(
      name: try DomainName("txt.example."), type: .txt, ttl: 42,
      rdatas: [try parsed("x. 1 IN TXT \"a ; original-ttl=1 b\"").rdata])
    let entry = CachedRRSet(
      rrset: rrset, credibility: .authoritativeAuthority, originalTTL: 300, source: source, expiresAt: 0)
    let line = CacheDumpLines.text(entry)
    guard
      case .record(let record, let originalTTL, let readSource, let credibility) = try CacheDumpReader.parse(
        String(line.dropLast()))
    else {
      Issue.record("not a record: \(line)")
      return
    }
    #expect(record == rrset.records[0])
    #expect(originalTTL == 300 && readSource == source && credibility == .authoritativeAuthority)

    let soa = try parsed("example. 60 IN SOA ns.example. h.example. 1 2 3 4 5")
    let denial = NegativeEntry(
      name: try DomainName("www.example."), type: .aaaa, kind: .noData, soa: soa, expiresAt: 0, source: nil)
    guard case .negative(let read) = try CacheDumpReader.parse(String(CacheDumpLines.text(denial).dropLast())) else {
      Issue.record("not a denial")
      return
    }
    #expect(read == denial)
  }

  @Test func onlyRestartKeysAreReportedAsNeedingARestart() {
    var changed = ServerConfiguration()
    changed.allowFrom = []
    #expect(ConfigurationReloader.restartOnlyChanges(from: ServerConfiguration(), to: changed).isEmpty)
    changed.resolver.forwardZones = [.root: [UpstreamServer(address: IPAddress("192.0.2.1")!)]]
    changed.resolver.maximumTTL = 60
    #expect(
      ConfigurationReloader.restartOnlyChanges(from: ServerConfiguration(), to: changed) == [
        "forward-zones", "max-ttl",
      ])
  }
}
