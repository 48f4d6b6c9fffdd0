import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

@Suite struct AddressPolicyTests {
  /// example.com. served at `addresses` (glue for ns1.example.com.), each answering from the zone.
  static func example(at addresses: [String]) -> TestInternet {
    let glue = addresses.map { "ns1.example.com. \($0.contains(":") ? "AAAA" : "A") \($0)" }.joined(separator: "\n")
    let internet = TestInternet(com: "example.com. NS ns1.example.com.\n" + glue)
    for address in addresses {
      internet.network.server(address) { TestInternet.zone("example.com.", "www A 192.0.2.80") }
    }
    return internet
  }

  @Test func dontQueryNetworksAreNeverSentAQueryAndWithNothingElseTheResultIsSERVFAIL() async {
    let internet = Self.example(at: ["10.0.0.53", "192.168.1.53"])
    let resolver = internet.resolver { $0.dontQuery = IPNetwork.privateAndLoopback }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(
      result.extendedError
        == ExtendedDNSError(code: .noReachableAuthority, extraText: "no usable nameserver address for example.com."))
    #expect(!internet.lines.contains { $0.hasPrefix("10.") || $0.hasPrefix("192.168.") })
  }

  @Test func onlyTheAllowedAddressesAreAsked() async {
    let internet = Self.example(at: ["10.0.0.53", "192.0.2.1"])
    let resolver = internet.resolver { $0.dontQuery = [IPNetwork("10.0.0.0/8")!] }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.answers.count == 1)
    #expect(internet.lines.last == "192.0.2.1 www.example.com. A")
    #expect(!internet.lines.contains { $0.hasPrefix("10.") })
  }

  @Test func withIPv6OffAAAAAddressesAreSkipped() async {
    let off = Self.example(at: ["2001:db8::53"])
    let failed = await off.resolver { $0.queryIPv6 = false }.resolve(question("www.example.com."))
    #expect(failed.rcode == .servFail)
    #expect(!off.lines.contains { $0.hasPrefix("2001:db8::53") })

    let on = Self.example(at: ["2001:db8::53"])
    let answered = await on.resolver { $0.queryIPv6 = true }.resolve(question("www.example.com."))
    #expect(answered.answers.count == 1)
    #expect(on.lines.last == "2001:db8::53 www.example.com. A")
  }

  @Test func withIPv6OffAGluelessNameserverIsNotAskedForAAAA() async {
    let internet = TestInternet(
      com: "example.com. NS ns.example.net.",
      net: "example.net. NS ns.example.net.\nns.example.net. AAAA 2001:db8::5")
    internet.network.server("2001:db8::5") { TestInternet.zone("example.net.", "ns AAAA 2001:db8::5") }
    let resolver = internet.resolver {
      $0.queryIPv6 = false
      $0.qnameMinimisation = false
    }

    let result = await resolver.resolve(question("www.example.com."))

    #expect(result.rcode == .servFail)
    #expect(!internet.lines.contains { $0.hasSuffix("AAAA") })
    #expect(!internet.lines.contains { $0.hasPrefix("2001:") })
  }
}
