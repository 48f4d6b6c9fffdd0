import Yams

/// Finds the key path of a key Yams reported as duplicated, and the place of its repetition.
///
/// Yams reports a duplicate before it builds any tree, with only the key's text and the place of its first
/// occurrence. To name the setting, the first occurrence is given a different first character in a copy of the
/// text, which then composes; the mapping holding that key has the path, and the key still spelt as before is
/// the repetition.
enum DuplicateKeyLocator {
  struct Location {
    var path: String
    var repeated: Mark?
  }

  static func locate(yaml: String, firstMark: Mark, name: String) -> Location? {
    guard let altered = alter(yaml, at: firstMark), let root = try? Yams.compose(yaml: altered) else { return nil }
    return search(root, path: "", firstMark: firstMark, name: name)
  }

  /// The text with the key's first character (inside its quotes, if quoted) replaced by a private-use one.
  private static func alter(_ yaml: String, at mark: Mark) -> String? {
    var scalars = Array(yaml.unicodeScalars)
    var line = 1
    var index = 0
    while line < mark.line, index < scalars.count {
      if scalars[index] == "\n" { line += 1 }
      index += 1
    }
    index += mark.column - 1
    guard index < scalars.count else { return nil }
    if scalars[index] == "\"" || scalars[index] == "'" { index += 1 }
    guard index < scalars.count, scalars[index] != "\n", scalars[index] != "\"", scalars[index] != "'" else {
      return nil
    }
    scalars[index] = "\u{E000}"
    var result = String.UnicodeScalarView()
    result.append(contentsOf: scalars)
    return String(result)
  }

  private static func search(_ node: Yams.Node, path: String, firstMark: Mark, name: String) -> Location? {
    switch node {
    case .mapping(let mapping):
      let holdsAltered = mapping.keys.contains { key in
        key.mark?.line == firstMark.line && key.mark?.column == firstMark.column && key.scalar?.string != name
      }
      if holdsAltered {
        let repeated = mapping.keys.first { $0.scalar?.string == name }
        return Location(path: ConfigurationPath.child(path, name), repeated: repeated?.mark)
      }
      for (key, value) in mapping {
        let childPath = ConfigurationPath.child(path, key.scalar?.string ?? "?")
        if let found = search(value, path: childPath, firstMark: firstMark, name: name) { return found }
      }
      return nil
    case .sequence(let sequence):
      for (index, item) in sequence.enumerated() {
        if let found = search(item, path: ConfigurationPath.item(path, index), firstMark: firstMark, name: name) {
          return found
        }
      }
      return nil
    case .scalar, .alias:
      return nil
    }
  }
}
