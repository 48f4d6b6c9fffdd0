import PetrelDNS
import Testing

@testable import petrel_test_authority

/// The test authority's command line: a typo in a lab server file must stop the server, not change its meaning.
@Suite("petrel-test-authority arguments")
struct AuthorityOptionsTests {
  @Test func everySwitch() throws {
    let options = try AuthorityOptions(arguments: [
      "--zone", "example.test.=zones/example.zone", "--listen", "127.53.2.1", "--listen", "[::1]:5300",
      "--truncate-udp", "--refuse", "--servfail", "--drop", "--no-aa", "--lame", "--log", "q.log",
      "--inject-additional", "victim.test. 60 IN A 192.0.2.66", "--inject-authority", "victim.test. A 192.0.2.67",
    ])
    #expect(options.zoneFiles.map(\.path) == ["zones/example.zone"])
    #expect(options.zoneFiles.map(\.origin) == [try DomainName("example.test.")])
    #expect(options.listenAddresses == [ListenAddress(host: "127.53.2.1"), ListenAddress(host: "::1", port: 5300)])
    #expect(options.logPath == "q.log")
    let misbehaviour = options.misbehaviour
    #expect(misbehaviour.truncateUDP && misbehaviour.refuse && misbehaviour.serverFailure && misbehaviour.drop)
    #expect(misbehaviour.clearAuthoritative && misbehaviour.lame)
    #expect(misbehaviour.injectedAdditionals.map(\.presentation) == ["victim.test.\t60\tIN\tA\t192.0.2.66"])
    #expect(misbehaviour.injectedAuthorities.map(\.ttl) == [300])
  }

  @Test func defaultsToLoopbackPort53() throws {
    let options = try AuthorityOptions(arguments: ["--zone", ".=root.zone"])
    #expect(options.listenAddresses == [ListenAddress(host: "127.0.0.1", port: 53)])
    #expect(options.misbehaviour == Misbehaviour())
  }

  @Test(
    "Bad command lines are refused",
    arguments: [
      [], ["--listen", "127.0.0.1"], ["--zone"], ["--zone", "example.test."], ["--zone", "=file"],
      ["--zone", ".=f", "--bogus"], ["--zone", ".=f", "--inject-additional", "not a record"],
      ["--zone", ".=f", "--listen", "127.0.0.1:99999"], ["--zone", ".=f", "--listen", "[::1"],
    ])
  func refused(_ arguments: [String]) {
    #expect(throws: AuthorityError.self) { try AuthorityOptions(arguments: arguments) }
  }

  @Test func listenAddressForms() throws {
    #expect(try ListenAddress(parsing: "127.0.0.1:5353") == ListenAddress(host: "127.0.0.1", port: 5353))
    #expect(try ListenAddress(parsing: "::1") == ListenAddress(host: "::1", port: 53))
    #expect(try ListenAddress(parsing: "[::1]") == ListenAddress(host: "::1", port: 53))
    #expect(ListenAddress(host: "::1", port: 53).description == "[::1]:53")
  }
}
