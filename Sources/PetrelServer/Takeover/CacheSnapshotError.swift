/// Why bytes offered as a cache snapshot were refused. The new daemon then starts with empty caches rather
/// than load anything it cannot read exactly as written.
public enum CacheSnapshotError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The bytes do not start with the snapshot magic.
  case notASnapshot
  /// A format version this build does not read.
  case unsupportedVersion(UInt16)
  /// The bytes end before what the header or an entry announces.
  case truncated(offset: Int)
  /// A field holds a value the format does not allow; `offset` is where its entry starts.
  case invalid(offset: Int, reason: String)

  public var description: String {
    switch self {
    case .notASnapshot: "not a Petrel cache snapshot (wrong magic)"
    case .unsupportedVersion(let version):
      "cache snapshot format version \(version); this build reads version \(CacheSnapshotFormat.version)"
    case .truncated(let offset): "cache snapshot truncated at byte \(offset)"
    case .invalid(let offset, let reason): "invalid cache snapshot entry at byte \(offset): \(reason)"
    }
  }
}
