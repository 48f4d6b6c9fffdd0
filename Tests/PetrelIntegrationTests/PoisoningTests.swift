import PetrelDNS
import Testing

extension Lab {
  /// Out-of-bailiwick data from a hostile server must never reach a client or the cache.
  @Suite("Cache poisoning attempts")
  struct PoisoningTests {
    @Test("Records for another zone injected in additional and authority are ignored")
    func injectedRecordsAreNotBelieved() throws {
      try LabSession.run { session in
        let evil = try session.ask("www.evil.test.", .a)
        #expect(evil.rcode == .noError)
        #expect(evil.answerData(.a) == ["192.0.2.60"], "\(evil.summary)")
        #expect(evil.allAddresses.isDisjoint(with: ["192.0.2.66", "192.0.2.67"]), "\(evil.summary)")

        let victim = try session.ask("victim.other.test.", .a)
        #expect(victim.rcode == .noError)
        #expect(victim.answerData(.a) == ["192.0.2.21"], "\(victim.summary)")
        #expect(victim.allAddresses.isDisjoint(with: ["192.0.2.66", "192.0.2.67"]), "\(victim.summary)")
        let asked = session.lab.queries(at: "other")
        #expect(asked.contains { $0.name == (try! DomainName("victim.other.test.")) }, "the real server was asked")
      }
    }
  }
}
