import PetrelDNS
import Testing

extension Lab {
  /// Upstream transport choice and the cache, seen from the authorities' query logs.
  @Suite("Truncation and caching")
  struct TransportAndCacheTests {
    @Test("A truncated UDP answer is retried over TCP")
    func truncationThenTCP() throws {
      try LabSession.run { session in
        let response = try session.ask("www.tcp.test.", .a)
        #expect(response.rcode == .noError)
        #expect(response.answerData(.a) == ["192.0.2.50"], "\(response.summary)")
        let asked = session.lab.queries(at: "tcp")
        let wanted = try DomainName("www.tcp.test.")
        #expect(asked.contains { $0.name == wanted && $0.type == .a && $0.transport == .tcp }, "\(asked)")
      }
    }

    @Test("A second identical query is answered from the cache, without a new upstream query")
    func secondQueryFromCache() throws {
      try LabSession.run { session in
        let first = try session.ask("cached.example.test.", .a)
        #expect(first.answerData(.a) == ["192.0.2.31"], "\(first.summary)")
        // Only queries about the name itself count: a resolver may still be fetching name server addresses in
        // the background for the first resolution, which is not the second query's doing.
        let name = try DomainName("cached.example.test.")
        let aboutName = {
          session.lab.allQueries().filter { $0.query.name == name }.map { "\($0.server): \($0.query)" }
        }
        let afterFirst = aboutName()
        #expect(afterFirst.contains { $0.hasPrefix("example: ") }, "the example.test server was asked: \(afterFirst)")
        let second = try session.ask("cached.example.test.", .a)
        #expect(second.answerData(.a) == ["192.0.2.31"], "\(second.summary)")
        let afterSecond = aboutName()
        #expect(afterSecond == afterFirst, "new upstream queries: \(afterSecond.dropFirst(afterFirst.count))")
      }
    }
  }
}
