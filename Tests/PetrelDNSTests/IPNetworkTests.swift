import Testing

@testable import PetrelDNS

@Suite struct IPNetworkTests {
  @Test func parsesAddressesOfBothFamilies() throws {
    #expect(IPAddress("192.0.2.1")?.description == "192.0.2.1")
    #expect(IPAddress("2001:DB8:0:0::1")?.description == "2001:db8::1")
    #expect(IPAddress("::ffff:192.0.2.1")?.unmapped == IPAddress("192.0.2.1"))
    for bad in ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01234.1.1.1", "1.2.3.4 ", "example.com", "2001:db8::g"] {
      #expect(IPAddress(bad) == nil, "\(bad)")
    }
  }

  @Test func containment() throws {
    let ten = try #require(IPNetwork("10.0.0.0/8"))
    #expect(ten.contains(IPAddress("10.255.0.1")!))
    #expect(!ten.contains(IPAddress("11.0.0.1")!))
    #expect(ten.contains(IPAddress("::ffff:10.1.2.3")!))
    let v6 = try #require(IPNetwork("2001:db8:ff00::/40"))
    #expect(v6.contains(IPAddress("2001:db8:ff12::1")!))
    #expect(!v6.contains(IPAddress("2001:db8:fe00::1")!))
    #expect(!v6.contains(IPAddress("10.0.0.1")!))
    #expect(IPNetwork("0.0.0.0/0")!.contains(IPAddress("203.0.113.9")!))
    #expect(IPNetwork("::/0")!.contains(IPAddress("2001:db8::1")!))
    #expect(IPNetwork("192.0.2.77/24")?.description == "192.0.2.0/24")
    #expect(IPNetwork("2001:db8::1/129") == nil)
    #expect(IPNetwork("10.0.0.0/") == nil)
    #expect(IPNetwork("10.0.0.0/+8") == nil)
    #expect(IPNetwork("192.0.2.1")?.prefixLength == 32)
  }

  @Test func theDefaultPrivateRangesCoverLoopbackAndRFC1918Only() {
    let inside = ["127.0.0.1", "127.53.1.1", "10.1.1.1", "172.20.0.1", "192.168.1.1", "::1", "fd00::1", "fe80::1"]
    let outside = ["8.8.8.8", "172.32.0.1", "192.0.2.1", "2001:db8::1"]
    for text in inside { #expect(IPNetwork.privateAndLoopback.contains { $0.contains(IPAddress(text)!) }, "\(text)") }
    for text in outside { #expect(!IPNetwork.privateAndLoopback.contains { $0.contains(IPAddress(text)!) }, "\(text)") }
  }
}
