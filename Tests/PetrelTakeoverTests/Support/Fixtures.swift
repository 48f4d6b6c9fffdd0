import PetrelDNS
import PetrelResolver

/// Cache entries of every shape the snapshot format must carry: several RDATA types (with names that
/// compress against the owner), every source family, both kinds of denial.
enum Fixtures {
  static let takenAt: Int64 = 1_700_000_000

  static func records() throws -> [CachedRRSet] {
    [
      try record(
        "www.example.", .a, ["192.0.2.1", "192.0.2.2"], source: "192.0.2.53", credibility: .authoritativeAnswer),
      try record("www.example.", .aaaa, ["2001:db8::1"], source: "2001:db8::53", credibility: .nonAuthoritativeAnswer),
      try record("example.", .ns, ["ns1.example.", "ns2.example."], source: nil, credibility: .additional),
      try record("alias.example.", .cname, ["www.example."], source: "192.0.2.53", credibility: .authoritativeAnswer),
      try record("example.", .mx, ["10 mail.example."], source: "192.0.2.53", credibility: .authoritativeAuthority),
      try record("example.", .txt, ["\"v=spf1 -all\" \"second string\""], source: nil, credibility: .hint),
      try record(
        "example.", .soa, ["ns1.example. hostmaster.ns1.example. 7 3600 900 604800 300"], source: "192.0.2.53",
        credibility: .authoritativeAnswer),
    ]
  }

  static func denials() throws -> [NegativeEntry] {
    [
      NegativeEntry(
        name: try DomainName("missing.example."), type: nil, kind: .nxDomain, soa: try soa(ttl: 120),
        expiresAt: takenAt + 120, source: UpstreamServer(address: IPAddress("192.0.2.53")!, port: 5353)),
      NegativeEntry(
        name: try DomainName("www.example."), type: .mx, kind: .noData, soa: try soa(ttl: 60), expiresAt: takenAt + 60,
        source: nil),
    ]
  }

  static func record(
    _ name: String, _ type: RRType, _ rdatas: [String], ttl: UInt32 = 300, source: String?,
    credibility: Credibility
  ) throws -> CachedRRSet {
    CachedRRSet(
      rrset: RRSet(
        name: try DomainName(name), type: type, ttl: ttl,
        rdatas: try rdatas.map { try RData(type: type, presentation: $0) }),
      credibility: credibility, originalTTL: ttl + 100,
      source: source.map { UpstreamServer(address: IPAddress($0)!) }, expiresAt: takenAt + Int64(ttl))
  }

  static func soa(ttl: UInt32) throws -> ResourceRecord {
    ResourceRecord(
      name: try DomainName("example."), ttl: ttl,
      rdata: try RData(type: .soa, presentation: "ns1.example. hostmaster.example. 7 3600 900 604800 300"))
  }
}
