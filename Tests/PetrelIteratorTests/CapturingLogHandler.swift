import Logging
import Synchronization

/// A swift-log handler that keeps the messages it is given, for tests of what the resolver logs.
struct CapturingLogHandler: LogHandler {
  final class Store: Sendable {
    let messages = Mutex<[String]>([])
  }

  let store: Store
  var logLevel: Logger.Level
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    store.messages.withLock { $0.append(event.message.description) }
  }
}
