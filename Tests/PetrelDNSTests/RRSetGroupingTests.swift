import PetrelDNS
import Testing

/// `RRSet.group` scans for small sections and hashes for large ones; both must give the same sets.
struct RRSetGroupingTests {
  /// Interleaved owners and types, a spelling that differs only in case, a duplicate, and differing TTLs.
  static func records(copies: Int) throws -> [ResourceRecord] {
    var records: [ResourceRecord] = []
    for index in 0..<copies {
      let address = IPv4Address(192, 0, 2, UInt8(index % 200))
      records.append(ResourceRecord(name: try DomainName("a.example."), ttl: 300, rdata: .a(address)))
      records.append(ResourceRecord(name: try DomainName("B.example."), ttl: 60, rdata: .a(address)))
      records.append(ResourceRecord(name: try DomainName("b.EXAMPLE."), ttl: 90, rdata: .a(address)))
      records.append(
        ResourceRecord(
          name: try DomainName("a.example."), ttl: 120, rdata: .txt(RData.TXT(strings: [Array("t\(index)".utf8)])!)))
    }
    return records
  }

  @Test(arguments: [1, 3, 4, 10])
  func smallAndLargeSectionsGroupAlike(copies: Int) throws {
    let records = try Self.records(copies: copies)
    let sets = RRSet.group(records)
    #expect(sets.count == 3)
    #expect(sets.map(\.type) == [.a, .a, .txt])
    #expect(sets[0].name == (try DomainName("a.example.")) && sets[0].ttl == 300)
    // Both spellings of b.example. are one RRset, with the smaller TTL and no duplicate data.
    #expect(sets[1].ttl == 60)
    #expect(sets[1].rdatas.count == min(copies, 200))
    #expect(sets[2].ttl == 120 && sets[2].rdatas.count == copies)
    #expect(sets.reduce(0) { $0 + $1.rdatas.count } == 3 * copies)
  }
}
