import Logging
import Synchronization

/// Collects log messages, so that tests can check what a takeover said it did and why.
final class LogCapture: Sendable {
  private let messages = Mutex<[String]>([])

  var logger: Logger {
    Logger(label: "petrel.takeover.test") { _ in CapturingLogHandler(capture: self) }
  }

  var all: [String] { messages.withLock { $0 } }

  func contains(_ text: String) -> Bool { all.contains { $0.contains(text) } }

  fileprivate func append(_ message: String) { messages.withLock { $0.append(message) } }
}

private struct CapturingLogHandler: LogHandler {
  let capture: LogCapture
  var metadata: Logger.Metadata = [:]
  var metadataProvider: Logger.MetadataProvider?
  var logLevel: Logger.Level = .trace

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let merged = metadata.merging(event.metadata ?? [:]) { $1 }
    let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    capture.append("\(event.message) \(details)")
  }
}
