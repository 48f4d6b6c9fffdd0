import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct TransportTests {
  @Test func everyQueryCarriesEDNSWithTheConfiguredBufferAndDOClearAndNoRD() async {
    let internet = TestInternet.withExample()
    _ = await internet.resolver().resolve(question("www.example.com."))
    let log = internet.network.log
    #expect(log.count == 4)
    #expect(log.allSatisfy { $0.edns?.udpPayloadSize == 1232 && $0.edns?.dnssecOK == false })
    #expect(log.allSatisfy { !$0.recursionDesired && $0.transport == .udp })

    let other = TestInternet.withExample()
    _ = await other.resolver { $0.ednsBufferSize = 1400 }.resolve(question("www.example.com."))
    #expect(other.network.log.allSatisfy { $0.edns?.udpPayloadSize == 1400 })
  }

  @Test func aFORMERRWithoutOPTMakesTheResolverRetryWithoutEDNSAndRememberIt() async throws {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      NoEDNS()
      TestInternet.zone("example.com.", "www A 192.0.2.80\nmail A 192.0.2.25")
    }
    let resolver = internet.resolver()

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    #expect(internet.lines.suffix(2) == ["192.0.2.1 www.example.com. A", "192.0.2.1 www.example.com. A noedns"])
    let server = UpstreamServer(address: IPAddress("192.0.2.1")!)
    #expect(resolver.caches.nameservers.statistics(for: server)?.ednsSupport == .notSupported)
    #expect(
      resolver.caches.nameservers.statistics(for: UpstreamServer(address: IPAddress("192.5.6.30")!))?.ednsSupport
        == .supported)

    internet.network.clearLog()
    _ = await resolver.resolve(question("mail.example.com."))
    #expect(internet.lines == ["192.0.2.1 mail.example.com. A noedns"])
  }

  @Test func aTruncatedResponseIsAskedAgainOverTCP() async {
    let internet = TestInternet.withExample()
    internet.network.server("192.0.2.1") {
      TruncateUDP()
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }

    let result = await internet.resolver().resolve(question("www.example.com."))

    #expect(result.answerLines == ["www.example.com. 3600 A 192.0.2.80"])
    #expect(internet.lines.suffix(2) == ["192.0.2.1 www.example.com. A", "192.0.2.1 www.example.com. A tcp"])
  }

  @Test func everyUpstreamQueryGetsAFreshIDFromTheSource() async {
    let internet = TestInternet.withExample()
    _ = await internet.resolver().resolve(question("www.example.com."))
    #expect(internet.network.log.map(\.id) == [1, 2, 3, 4])
  }

  @Test func theSystemIDSourceIsNotConstant() {
    let source = SystemQueryIDSource()
    let ids = Set((0..<64).map { _ in source.nextQueryID() })
    #expect(ids.count > 1)
  }
}
