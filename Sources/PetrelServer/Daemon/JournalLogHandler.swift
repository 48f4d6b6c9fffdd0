import Glibc
public import Logging

/// Writes log events to standard error as single plain lines: `info: listening address=127.0.0.1:53`.
///
/// journald (and any log collector reading a service's stderr) stores one record per line and adds its own
/// time stamp, so the line carries no time, no colours and no label: the level, the message, then the
/// metadata as sorted `key=value` pairs (values quoted when they contain spaces). Each line goes out in one
/// `write`, so lines from different threads never interleave.
public struct JournalLogHandler: LogHandler {
  public var logLevel: Logger.Level
  public var metadata: Logger.Metadata = [:]
  public var metadataProvider: Logger.MetadataProvider?

  public init(label: String, logLevel: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil) {
    self.logLevel = logLevel
    self.metadataProvider = metadataProvider
  }

  public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  public func log(event: LogEvent) {
    var merged = metadata
    if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
    if let extra = event.metadata { merged.merge(extra) { _, new in new } }
    var line = Self.line(level: event.level, message: "\(event.message)", metadata: merged)
    line.append("\n")
    line.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return }
      var offset = 0
      var attempts = 0
      while offset < bytes.count && attempts < 16 {
        let written = write(2, base + offset, bytes.count - offset)
        if written > 0 { offset += written } else if written < 0 && errno != EINTR { return }
        attempts += 1
      }
    }
  }

  /// The text of one event, without the newline.
  public static func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
    var line = "\(level): \(message.replacingNewlines())"
    for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
      line += " \(key)=\(quoted("\(value)"))"
    }
    return line
  }

  private static func quoted(_ value: String) -> String {
    let plain = !value.isEmpty && !value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }
    if plain { return value }
    return "\"" + value.replacingNewlines().replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}

extension String {
  fileprivate func replacingNewlines() -> String {
    contains(where: \.isNewline) ? String(map { $0.isNewline ? " " : $0 }) : self
  }

  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
