import PetrelResolver
import Synchronization

/// A transport that passes queries on and keeps the timeout each one was given.
final class TimeoutRecorder: UpstreamTransport {
  private let inner: any UpstreamTransport
  private let recorded = Mutex<[Duration]>([])

  init(inner: any UpstreamTransport) { self.inner = inner }

  var timeouts: [Duration] { recorded.withLock { $0 } }

  func send(_ query: UpstreamQuery) async throws(UpstreamError) -> UpstreamReply {
    recorded.withLock { $0.append(query.timeout) }
    return try await inner.send(query)
  }
}
