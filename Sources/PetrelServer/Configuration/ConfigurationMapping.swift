import Yams

/// A mapping of the configuration document whose keys have been checked against its schema group.
///
/// Built only through `ConfigurationValue.mapping(_:)`: every key must be text and known to the group, so a
/// misspelt setting is refused instead of silently ignored.
struct ConfigurationMapping {
  /// The mapping itself, for errors about it as a whole (a required key missing).
  let value: ConfigurationValue
  private let entries: [String: ConfigurationValue]

  init(_ value: ConfigurationValue, group: ConfigurationSchema.Group) throws(ConfigurationError) {
    self.value = value
    guard !value.isNull else {
      entries = [:]
      return
    }
    guard case .mapping(let mapping) = value.node else {
      let what = value.path.isEmpty ? "the configuration" : "'\(value.path)'"
      let keys = group.keys.joined(separator: ", ")
      throw value.error("\(what) must be a mapping of keys (\(keys)), found \(value.kind)")
    }
    var entries: [String: ConfigurationValue] = [:]
    for (keyNode, valueNode) in mapping {
      let keyValue = ConfigurationValue(node: keyNode, path: value.path, context: value.context)
      guard case .scalar(let scalar) = keyNode, !keyValue.isNull else {
        throw keyValue.error("expected a key name, found \(keyValue.kind)")
      }
      let key = scalar.string
      let path = ConfigurationPath.child(value.path, key)
      guard group.keys.contains(key) else {
        let place = value.path.isEmpty ? "" : " in '\(value.path)'"
        let hint = KeySuggestion.hint(for: key, in: group).map { "; \($0)" } ?? ""
        throw ConfigurationValue(node: keyNode, path: path, context: value.context)
          .error("unknown key '\(key)'\(place)\(hint)")
      }
      entries[key] = ConfigurationValue(node: valueNode, path: path, context: value.context, keyMark: keyNode.mark)
    }
    self.entries = entries
  }

  /// The value of `key`, or nil when the mapping does not have it.
  subscript(key: String) -> ConfigurationValue? { entries[key] }

  /// The value of `key`; an error at the mapping when it is missing.
  func required(_ key: String) throws(ConfigurationError) -> ConfigurationValue {
    guard let entry = entries[key] else { throw value.error("'\(key)' is missing") }
    return entry
  }
}
