import PetrelDNS
import PetrelResolver

/// Small builders shared by the cache tests.
enum CacheFixture {
  static func name(_ text: String) -> DomainName {
    try! DomainName(text)
  }

  static func aSet(_ owner: String, ttl: UInt32, addresses: [UInt32] = [0xC000_0201]) -> RRSet {
    RRSet(name: name(owner), type: .a, ttl: ttl, rdatas: addresses.map { .a(IPv4Address($0)) })
  }

  static func soa(zone: String, ttl: UInt32, minimum: UInt32) -> ResourceRecord {
    ResourceRecord(
      name: name(zone), ttl: ttl,
      rdata: .soa(
        RData.SOA(
          primaryNameServer: name("ns1.\(zone)"), responsibleMailbox: name("hostmaster.\(zone)"), serial: 1,
          refresh: 7200, retry: 3600, expire: 1_209_600, minimum: minimum)))
  }

  static func server(_ last: UInt8) -> UpstreamServer {
    UpstreamServer(address: .v4(IPv4Address(192, 0, 2, last)))
  }
}
