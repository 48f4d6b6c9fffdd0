import PetrelDNS
import Testing

extension Lab {
  /// Broken delegations: dead, refusing and looping servers.
  @Suite("Broken servers and delegations")
  struct FailureTests {
    @Test("One of two name servers is dead: the other answers")
    func oneDeadServer() throws {
      try LabSession.run { session in
        let response = try session.ask("www.half.test.", .a)
        #expect(response.rcode == .noError)
        #expect(response.answerData(.a) == ["192.0.2.40"], "\(response.summary)")
        #expect(session.lab.queries(at: "half-alive").contains { $0.name == (try! DomainName("www.half.test.")) })
      }
    }

    @Test("A CNAME loop across two zones ends in SERVFAIL")
    func cnameLoopAcrossZones() throws {
      try LabSession.run { session in
        let response = try session.ask("x.loop1.test.", .a)
        #expect(response.rcode == .servFail, "\(response.summary)")
        #expect(response.answerData(.a).isEmpty)
      }
    }

    @Test("A CNAME loop inside one zone ends in SERVFAIL")
    func cnameLoopInsideZone() throws {
      try LabSession.run { session in
        let response = try session.ask("a.loop1.test.", .a)
        #expect(response.rcode == .servFail, "\(response.summary)")
      }
    }

    @Test("A referral loop (an upward referral back to test.) ends in SERVFAIL")
    func referralLoop() throws {
      try LabSession.run { session in
        let response = try session.ask("www.refloop.test.", .a)
        #expect(response.rcode == .servFail, "\(response.summary)")
        #expect(!session.lab.queries(at: "refloop").isEmpty, "the looping server was asked")
      }
    }

    @Test("Two delegations that need each other's name server end in SERVFAIL")
    func gluelessCycle() throws {
      try LabSession.run { session in
        let response = try session.ask("www.cycle-a.test.", .a)
        #expect(response.rcode == .servFail, "\(response.summary)")
      }
    }

    @Test("Every server REFUSED: SERVFAIL with an extended DNS error")
    func allRefused() throws {
      try LabSession.run { session in
        let response = try session.ask("www.refused.test.", .a)
        #expect(response.rcode == .servFail, "\(response.summary)")
        #expect(!session.lab.queries(at: "refused1").isEmpty && !session.lab.queries(at: "refused2").isEmpty)
        if session.resolver.reportsExtendedErrorWhenAllRefuse {
          #expect(!response.extendedErrors.isEmpty, "no EDE option in \(String(describing: response.edns))")
        }
      }
    }
  }
}
