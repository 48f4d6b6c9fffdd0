import PetrelDNS
import PetrelServer
import Testing

@Suite("Access list")
struct AccessListTests {
  @Test("IPv4-mapped IPv6 clients are judged as IPv4")
  func mappedAddresses() throws {
    let list = AccessList([IPNetwork("192.0.2.0/24")!, IPNetwork("2001:db8::/32")!])
    #expect(list.allows(IPAddress("192.0.2.9")!))
    #expect(list.allows(IPAddress("::ffff:192.0.2.9")!))
    #expect(!list.allows(IPAddress("::ffff:198.51.100.1")!))
    #expect(list.allows(IPAddress("2001:db8::1")!))
    #expect(!list.allows(IPAddress("2001:db9::1")!))
    #expect(!AccessList([]).allows(IPAddress("127.0.0.1")!))
    #expect(AccessList([IPNetwork("0.0.0.0/0")!]).allows(IPAddress("203.0.113.5")!))
  }
}
