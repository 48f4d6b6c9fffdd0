/// Why ``ControlServer/start()`` failed.
public enum ControlServerError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `start()` was called twice, or after `stop()`.
  case notStartable
  /// The accept thread or its wake-up channel could not be created.
  case resources(String)

  public var description: String {
    switch self {
    case .notStartable: "the control server was already started or stopped"
    case .resources(let reason): "cannot start the control server: \(reason)"
    }
  }
}
