/// What a frame carries. The number is on the wire, so existing values never change.
public enum ControlFrameKind: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
  /// Client to daemon: one ``ControlRequest``; any descriptors travel with this frame's header.
  case request = 1
  /// Daemon to client: a ``ControlProgress`` from an operation that is still running.
  case progress = 2
  /// Daemon to client: the one final ``ControlResponse``; the daemon closes the connection after it.
  case response = 3

  public var description: String {
    switch self {
    case .request: "request"
    case .progress: "progress"
    case .response: "response"
    }
  }
}
