/// What every value read from one configuration document shares: the file it came from, for error messages,
/// and the directory that relative paths inside it (zone files, root hints) are taken relative to.
struct ConfigurationContext: Sendable {
  /// The configuration file's name as given, or nil for text that came from no file.
  var fileName: String?

  init(fileName: String?) {
    self.fileName = fileName
  }

  /// The directory of the configuration file, or nil (the working directory) when it has none.
  var baseDirectory: String? {
    guard let fileName, let slash = fileName.lastIndex(of: "/") else { return nil }
    let directory = fileName[..<slash]
    return directory.isEmpty ? "/" : String(directory)
  }

  /// `path` made relative to the configuration file's directory when it is not absolute.
  func resolve(_ path: String) -> String {
    guard !path.hasPrefix("/"), let baseDirectory else { return path }
    return baseDirectory == "/" ? "/" + path : baseDirectory + "/" + path
  }
}

/// How dotted key paths are spelled: `resolver.max-ttl`, `server.listen[1]`, `resolver.forward-zones[corp.example.]`.
enum ConfigurationPath {
  /// The path of a mapping entry. Keys are joined with a dot, except keys that hold dots or brackets themselves
  /// (zone names): those go in brackets, so the path stays unambiguous.
  static func child(_ parent: String, _ key: String) -> String {
    let plain = !key.isEmpty && !key.contains { $0 == "." || $0 == "[" || $0 == "]" || $0.isWhitespace }
    guard plain else { return "\(parent)[\(key)]" }
    return parent.isEmpty ? key : "\(parent).\(key)"
  }

  /// The path of a list item.
  static func item(_ parent: String, _ index: Int) -> String { "\(parent)[\(index)]" }
}
