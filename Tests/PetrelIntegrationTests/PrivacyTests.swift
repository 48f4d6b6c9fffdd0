import PetrelDNS
import Testing

extension Lab {
  /// What the resolver tells servers that have no need to know.
  @Suite("QNAME minimisation")
  struct PrivacyTests {
    @Test("The root and test. servers never see the full query name (RFC 9156)")
    func parentsSeeOnlyWhatTheyNeed() throws {
      try LabSession.run { session in
        let response = try session.ask("www.example.test.", .a)
        #expect(response.answerData(.a) == ["192.0.2.10", "192.0.2.11"], "\(response.summary)")
        let full = try DomainName("www.example.test.")
        for server in ["root", "test"] {
          let asked = session.lab.queries(at: server)
          #expect(!asked.contains { $0.name == full }, "\(server) was asked \(asked)")
        }
        #expect(session.lab.queries(at: "example").contains { $0.name == full && $0.type == .a })
      }
    }
  }
}
