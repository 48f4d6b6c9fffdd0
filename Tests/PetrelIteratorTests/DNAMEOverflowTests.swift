import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Testing

/// A DNAME whose substitution would make a name longer than 255 octets: YXDOMAIN (RFC 6672 §2.2).
@Suite struct DNAMEOverflowTests {
  static let longTarget = (0..<3).map { _ in String(repeating: "x", count: 63) }.joined(separator: ".") + "."

  @Test(arguments: [RCode.yxDomain, .noError])
  func theClientGetsYXDOMAINWithTheDNAME(serverRCode: RCode) async {
    let internet = TestInternet.withExample()
    let long = name("long.example.com.")
    let dname = ResourceRecord(name: long, ttl: 3600, rdata: .dname(name(Self.longTarget)))
    internet.network.server("192.0.2.1") {
      // The server says YXDOMAIN itself, or leaves the substitution (and its overflow) to the resolver.
      Respond { request in
        guard request.question?.name.isSubdomain(of: long) == true else { return nil }
        return .modify { response in
          response.rcode = serverRCode
          response.answers = [dname]
        }
      }
      TestInternet.zone("example.com.", "www A 192.0.2.80")
    }
    let resolver = internet.resolver { $0.qnameMinimisation = false }

    let result = await resolver.resolve(question(String(repeating: "y", count: 63) + ".long.example.com."))

    #expect(result.rcode == .yxDomain)
    #expect(result.answerLines == ["long.example.com. 3600 DNAME \(Self.longTarget)"])
  }
}
