/// Why a configuration file was refused: where (file, line, column), which setting (a dotted key path such as
/// `resolver.max-ttl` or `local-zones[0].file`) and what is wrong with it.
///
/// An operator should be able to fix the file from this one message, so every error points at the offending
/// text. Errors inside a file the configuration names (a zone file, a root hints file) point into that file,
/// with the key that named it.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file the error is in, when the text came from one.
  public var file: String?
  /// 1-based line, when the error has a place in the text.
  public var line: Int?
  /// 1-based column (in Unicode scalars), when the error has a place in the text.
  public var column: Int?
  /// The setting at fault, as a dotted path (`server.listen[1]`), or nil for the document as a whole.
  public var key: String?
  /// What is wrong, as a sentence an operator can act on.
  public var message: String

  public init(file: String? = nil, line: Int? = nil, column: Int? = nil, key: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.key = key
    self.message = message
  }

  /// `petrel.yml:12:3: resolver.max-ttl: …`, leaving out what is not known.
  public var description: String {
    var place = file ?? ""
    if let line {
      place += place.isEmpty ? "line \(line)" : ":\(line)"
      if let column { place += ":\(column)" }
    }
    var parts: [String] = []
    if !place.isEmpty { parts.append(place) }
    if let key { parts.append(key) }
    parts.append(message)
    return parts.joined(separator: ": ")
  }
}
