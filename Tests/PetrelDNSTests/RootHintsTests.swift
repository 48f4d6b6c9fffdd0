import Foundation
import Testing

@testable import PetrelDNS

@Suite struct RootHintsTests {
  @Test func theBuiltInHintsHaveThirteenServersAndTwentySixAddresses() throws {
    let hints = RootHints.iana
    let letters = "abcdefghijklm".map { "\($0.uppercased()).ROOT-SERVERS.NET." }
    #expect(hints.nameservers.map(\.description) == letters)
    #expect(hints.addresses.values.map(\.count).reduce(0, +) == 26)
    for server in hints.nameservers {
      let addresses = try #require(hints.addresses[server])
      #expect(addresses.count == 2)
      #expect(addresses.contains { if case .v4 = $0 { true } else { false } })
      #expect(addresses.contains { if case .v6 = $0 { true } else { false } })
    }
    let a = try DomainName("a.root-servers.net.")
    #expect(hints.addresses[a] == [.v4(IPv4Address(198, 41, 0, 4)), .v6(IPv6Address("2001:503:ba3e::2:30")!)])
    let b = try DomainName("b.root-servers.net.")
    #expect(hints.addresses[b]?.map(\.description) == ["170.247.170.2", "2801:1b8:10::b"])
    #expect(hints.records.count == 39)
    #expect(hints.records.allSatisfy { $0.ttl == 3_600_000 })
  }

  /// Debian's `dns-root-data` ships the same IANA file; when it is installed the built-in copy must agree.
  @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/share/dns/root.hints")))
  func theBuiltInHintsMatchTheSystemCopy() throws {
    let text = try String(contentsOfFile: "/usr/share/dns/root.hints", encoding: .utf8)
    let system = try RootHints(text: text, fileName: "/usr/share/dns/root.hints")
    #expect(system.nameservers == RootHints.iana.nameservers)
    #expect(system.addresses == RootHints.iana.addresses)
  }

  @Test func readsASmallHintsFile() throws {
    let hints = try RootHints(
      text: """
        ; test hints, addresses before the NS records are fine
        ns1.test.  1000  AAAA  2001:db8::53
        .          1000  NS    ns1.test.
        @          1000  NS    ns2.test.
        .          1000  NS    NS1.TEST.
        ns1.test.  1000  A     192.0.2.53
        ns2.test.  1000  A     192.0.2.54
        ns2.test.  1000  A     192.0.2.54
        """)
    #expect(hints.nameservers.map(\.description) == ["ns1.test.", "ns2.test."])
    #expect(hints.addresses[try DomainName("ns1.test.")]?.map(\.description) == ["2001:db8::53", "192.0.2.53"])
    #expect(hints.addresses[try DomainName("ns2.test.")]?.map(\.description) == ["192.0.2.54"])
  }

  @Test(
    arguments: [
      ("; nothing\n", 1, 1, "root hints hold no NS records for the root '.'"),
      ("ns.test. 60 A 192.0.2.1\n", 1, 1, "root hints hold no NS records for the root '.'"),
      (
        ". 60 NS a.test.\n. 60 NS b.test.\na.test. 60 A 192.0.2.1\n", 2, 1,
        "root nameserver b.test. has no A or AAAA record in the hints"
      ),
      (
        ". 60 NS a.test.\na.test. 60 A 192.0.2.1\nc.test. 60 AAAA 2001:db8::1\n", 3, 1,
        "AAAA record for c.test., which is not one of the root's nameservers"
      ),
      (
        ". 60 NS a.test.\na.test. 60 A 192.0.2.1\ntest. 60 NS a.test.\n", 3, 1,
        "NS record for test.: root hints hold only the NS records of the root '.'"
      ),
      (
        ". 60 NS a.test.\na.test. 60 A 192.0.2.1\n  60 CNAME b.test.\n", 3, 3,
        "CNAME record: root hints hold only the root's NS records and their A and AAAA records"
      ),
      (". 60 CH NS a.test.\n", 1, 1, "root hints must be class IN, not CH"),
      (". 60 NS a.test.\na.test. 60 A 192.0.2.300\n", 2, 14, "'192.0.2.300' is not an IPv4 address"),
    ] as [(String, Int, Int, String)])
  func rejectsBadHints(text: String, line: Int, column: Int, message: String) {
    let error = #expect(throws: PresentationError.self) { try RootHints(text: text, fileName: "hints") }
    #expect(error == PresentationError(line: line, column: column, message: message, file: "hints"))
  }
}
