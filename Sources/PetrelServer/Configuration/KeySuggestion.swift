/// The "did you mean" part of an unknown-key error: the key's proper group when it is in the wrong one, else the
/// closest known key when the unknown one looks like a typo of it.
enum KeySuggestion {
  /// A hint to append to an unknown-key message, or nil when nothing is close enough to suggest.
  static func hint(for key: String, in group: ConfigurationSchema.Group) -> String? {
    if let home = ConfigurationSchema.sections.first(where: { $0.path != group.path && $0.keys.contains(key) }) {
      return home.path.isEmpty ? "'\(key)' belongs at the top level" : "'\(key)' belongs under '\(home.path)'"
    }
    if let close = closest(to: key, among: group.keys) { return "did you mean '\(close)'?" }
    return nil
  }

  /// The known key nearest to `key`: same letters in another spelling (`max_ttl`, `maxTTL`), a shortening of it
  /// (`warn`), or within a few edits (a typo).
  static func closest(to key: String, among keys: [String]) -> String? {
    let normalized = normalize(key)
    if let same = keys.first(where: { normalize($0) == normalized }) { return same }
    if key.count >= 3, let longer = keys.first(where: { $0.hasPrefix(key.lowercased()) }) { return longer }
    let limit = max(1, min(3, key.count / 3))
    let scored = keys.map { ($0, distance(Array(key.lowercased()), Array($0))) }.filter { $0.1 <= limit }
    return scored.min { $0.1 < $1.1 }?.0
  }

  private static func normalize(_ key: String) -> String {
    String(key.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
  }

  /// Levenshtein distance.
  static func distance(_ a: [Character], _ b: [Character]) -> Int {
    guard !a.isEmpty else { return b.count }
    guard !b.isEmpty else { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
