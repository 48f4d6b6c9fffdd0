import PetrelDNS
import Testing

extension Lab {
  /// Plain resolution from the root down: answers, aliases across zones, negative answers.
  @Suite("Resolution through the lab hierarchy")
  struct ResolutionTests {
    struct Lookup: Sendable, CustomTestStringConvertible {
      var name: String
      var type: RRType
      var expected: Set<String>
      var testDescription: String { "\(name) \(type)" }
    }

    static let plainLookups: [Lookup] = [
      Lookup(name: "www.example.test.", type: .a, expected: ["192.0.2.10", "192.0.2.11"]),
      Lookup(name: "www.example.test.", type: .aaaa, expected: ["2001:db8::10"]),
      Lookup(name: "example.test.", type: .mx, expected: ["10 mail.example.test."]),
      Lookup(name: "txt.example.test.", type: .txt, expected: ["\"petrel lab\" \"second string\""]),
      Lookup(name: "example.test.", type: .ns, expected: ["ns1.example.test."]),
    ]

    @Test("Plain lookups", arguments: plainLookups)
    func plainLookup(_ lookup: Lookup) throws {
      try LabSession.run { session in
        let response = try session.ask(lookup.name, lookup.type)
        #expect(response.rcode == .noError, "\(response.summary)")
        #expect(response.flags.contains(.ra))
        #expect(response.answerData(lookup.type) == lookup.expected, "\(response.summary)")
        #expect(response.answers.allSatisfy { $0.name == (try! DomainName(lookup.name)) })
      }
    }

    @Test("A CNAME into another zone is followed to the address")
    func cnameAcrossZones() throws {
      try LabSession.run { session in
        let response = try session.ask("alias.example.test.", .a)
        #expect(response.rcode == .noError)
        #expect(response.answerData(.cname) == ["target.other.test."], "\(response.summary)")
        #expect(response.answerData(.a) == ["192.0.2.20"], "\(response.summary)")
        #expect(session.lab.queries(at: "other").contains { $0.name == (try! DomainName("target.other.test.")) })
      }
    }

    @Test("DNAME: the redirection, the synthesised CNAME and the target's address")
    func dname() throws {
      try LabSession.run { session in
        let response = try session.ask("host.old.dname.test.", .a)
        #expect(response.rcode == .noError)
        #expect(response.answerData(.dname) == ["moved.example.test."], "\(response.summary)")
        #expect(response.answerData(.cname) == ["host.moved.example.test."], "\(response.summary)")
        #expect(response.answerData(.a) == ["192.0.2.32"], "\(response.summary)")
      }
    }

    @Test("NXDOMAIN carries the zone's SOA")
    func nameError() throws {
      try LabSession.run { session in
        let response = try session.ask("nope.example.test.", .a)
        #expect(response.rcode == .nxDomain)
        #expect(response.answers.isEmpty)
        #expect(response.records(.soa, in: .authority).map(\.name) == [try DomainName("example.test.")])
      }
    }

    @Test("NXDOMAIN from the root for a TLD that does not exist")
    func nameErrorAtRoot() throws {
      try LabSession.run { session in
        let response = try session.ask("no-such-tld.", .a)
        #expect(response.rcode == .nxDomain)
        #expect(response.records(.soa, in: .authority).map(\.name) == [DomainName.root])
      }
    }

    @Test("NODATA: NOERROR, no answer, the SOA")
    func noData() throws {
      try LabSession.run { session in
        let response = try session.ask("www.example.test.", .mx)
        #expect(response.rcode == .noError)
        #expect(response.answers.isEmpty, "\(response.summary)")
        #expect(response.records(.soa, in: .authority).map(\.name) == [try DomainName("example.test.")])
      }
    }

    @Test("An empty non-terminal is NODATA, not NXDOMAIN")
    func emptyNonTerminal() throws {
      try LabSession.run { session in
        let response = try session.ask("ent.example.test.", .a)
        #expect(response.rcode == .noError, "\(response.summary)")
        #expect(response.answers.isEmpty)
        #expect(response.records(.soa, in: .authority).map(\.name) == [try DomainName("example.test.")])
        let below = try session.ask("b.ent.example.test.", .a)
        #expect(below.answerData(.a) == ["192.0.2.30"], "\(below.summary)")
      }
    }

    @Test("Glueless delegation: the name server's address is resolved in another zone first")
    func gluelessDelegation() throws {
      try LabSession.run { session in
        let response = try session.ask("www.glueless.test.", .a)
        #expect(response.rcode == .noError)
        #expect(response.answerData(.a) == ["192.0.2.35"], "\(response.summary)")
        let asked = session.lab.queries(at: "other")
        #expect(asked.contains { $0.name == (try! DomainName("gluelessns.other.test.")) && $0.type == .a }, "\(asked)")
        #expect(!session.lab.queries(at: "glueless").isEmpty)
      }
    }

    @Test("Uppercase and mixed-case questions: the client's spelling comes back, the data is right")
    func caseOfTheQuestion() throws {
      try LabSession.run { session in
        for spelling in ["WWW.EXAMPLE.TEST.", "wWw.ExAmPlE.tEsT."] {
          let response = try session.ask(spelling, .a)
          #expect(response.rcode == .noError)
          #expect(response.question?.name.wire == (try DomainName(spelling)).wire, "question echoed as sent")
          #expect(response.answerData(.a) == ["192.0.2.10", "192.0.2.11"], "\(response.summary)")
        }
      }
    }

    @Test("Queries over TCP are answered like queries over UDP")
    func tcpClient() throws {
      try LabSession.run { session in
        let response = try session.ask("www.example.test.", .a, over: .tcp)
        #expect(response.rcode == .noError)
        #expect(response.answerData(.a) == ["192.0.2.10", "192.0.2.11"], "\(response.summary)")
      }
    }
  }
}
