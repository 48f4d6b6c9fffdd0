import PetrelDNS
import Synchronization

/// What a fake server received: each query's source port and decoded message, in arrival order.
final class QueryLog: Sendable {
  struct Entry: Sendable {
    let sourcePort: Int
    let query: Message
  }

  private let entries = Mutex<[Entry]>([])

  func record(sourcePort: Int, query: Message) {
    entries.withLock { $0.append(Entry(sourcePort: sourcePort, query: query)) }
  }

  var all: [Entry] { entries.withLock { $0 } }

  var count: Int { entries.withLock { $0.count } }
}
