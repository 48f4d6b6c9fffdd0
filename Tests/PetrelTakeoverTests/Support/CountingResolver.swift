import PetrelDNS
import PetrelResolver
import PetrelServer
import Synchronization

/// A resolver that gives every A question one address (the "daemon" that answered tells itself apart by
/// it) and counts how often it was asked.
final class CountingResolver: QueryResolving {
  let address: IPv4Address
  private let calls = Mutex<Int>(0)

  init(address: IPv4Address) {
    self.address = address
  }

  var callCount: Int { calls.withLock { $0 } }

  func resolve(_ question: Question) async -> ResolutionResult {
    calls.withLock { $0 += 1 }
    guard question.type == .a else { return ResolutionResult(rcode: .noError) }
    return ResolutionResult(
      rcode: .noError, answers: [ResourceRecord(name: question.name, ttl: 1, rdata: .a(address))])
  }
}
