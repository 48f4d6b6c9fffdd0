import PetrelDNS
import PetrelResolver
import PetrelServer
import Synchronization

/// A resolver that answers from a script and counts how often it was asked.
final class FakeResolver: QueryResolving {
  private let calls = Mutex<Int>(0)
  private let answer: @Sendable (Question) -> ResolutionResult

  init(_ answer: @escaping @Sendable (Question) -> ResolutionResult) {
    self.answer = answer
  }

  /// A resolver that gives every A question one address with `ttl`, and NODATA to the rest.
  static func fixed(address: IPv4Address = IPv4Address(192, 0, 2, 1), ttl: UInt32 = 300) -> FakeResolver {
    FakeResolver { question in
      guard question.type == .a else { return ResolutionResult(rcode: .noError) }
      return ResolutionResult(
        rcode: .noError, answers: [ResourceRecord(name: question.name, ttl: ttl, rdata: .a(address))])
    }
  }

  var callCount: Int { calls.withLock { $0 } }

  func resolve(_ question: Question) async -> ResolutionResult {
    calls.withLock { $0 += 1 }
    return answer(question)
  }
}
