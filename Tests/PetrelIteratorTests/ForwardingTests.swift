import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct ForwardingTests {
  static let forwarder = UpstreamServer(address: IPAddress("192.0.2.53")!, port: 5353)

  static func internet() -> TestInternet {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.53", port: 5353) {
      Recursive()
      TestInternet.zone("corp.example.", "www 600 A 10.1.2.3\nalias CNAME www")
    }
    return internet
  }

  @Test func namesInAForwardZoneGoToItsServersWithRDAndAreCachedAsNonAuthoritative() async throws {
    let internet = Self.internet()
    let resolver = internet.resolver { $0.forwardZones = [name("corp.example."): [Self.forwarder]] }

    let result = await resolver.resolve(question("www.corp.example."))

    #expect(result.answerLines == ["www.corp.example. 600 A 10.1.2.3"])
    #expect(internet.lines == ["192.0.2.53#5353 www.corp.example. A rd"])
    let cached = try #require(resolver.caches.records.lookup(name("www.corp.example."), .a))
    #expect(cached.credibility == .nonAuthoritativeAnswer)
    #expect(cached.source == Self.forwarder)

    internet.network.clearLog()
    #expect(await resolver.resolve(question("www.corp.example.")).answers.count == 1)
    #expect(internet.lines.isEmpty)
  }

  @Test func theZoneItselfAndDenialsComeFromTheForwarderToo() async {
    let internet = Self.internet()
    let resolver = internet.resolver { $0.forwardZones = [name("corp.example."): [Self.forwarder]] }

    let denial = await resolver.resolve(question("nothing.corp.example."))
    let alias = await resolver.resolve(question("alias.corp.example."))

    #expect(denial.rcode == .nxDomain)
    #expect(denial.authorities.count == 1)
    #expect(alias.answers.count == 2)
    #expect(
      internet.lines == ["192.0.2.53#5353 nothing.corp.example. A rd", "192.0.2.53#5353 alias.corp.example. A rd"])
  }

  @Test func namesOutsideTheForwardZoneAreIterated() async {
    let internet = Self.internet()
    let resolver = internet.resolver { $0.forwardZones = [name("corp.example."): [Self.forwarder]] }

    _ = await resolver.resolve(question("www.example.com."))

    #expect(internet.lines.first == "198.41.0.4 . NS")
    #expect(!internet.lines.contains { $0.hasSuffix(" rd") })
  }

  @Test func dontQueryDoesNotApplyToConfiguredForwarders() async {
    let internet = TestInternet()
    internet.network.server("127.0.0.1", port: 5353) {
      Recursive()
      TestInternet.zone("lan.", "printer A 192.168.1.9")
    }
    let resolver = internet.resolver {
      $0.dontQuery = IPNetwork.privateAndLoopback
      $0.forwardZones = [name("lan."): [UpstreamServer(address: IPAddress("127.0.0.1")!, port: 5353)]]
    }

    let result = await resolver.resolve(question("printer.lan."))

    #expect(result.answerLines == ["printer.lan. 3600 A 192.168.1.9"])
  }
}
