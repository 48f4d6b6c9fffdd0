/// Why a step of a conversation command did not go through, in the terms its handler decides on: the
/// client left or stalled (give up the conversation), or sent something that is not the next step (refuse).
public enum ControlConversationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The client closed the connection (or the write found it gone).
  case closed
  /// Nothing arrived, or nothing could be sent, before the deadline.
  case timedOut(Duration)
  /// The client sent a frame that is not an exchange frame, or one that does not decode.
  case protocolViolation(String)
  /// The command was cancelled while it waited (the server is stopping).
  case cancelled
  /// Any other failure of the connection.
  case failed(String)

  public var description: String {
    switch self {
    case .closed: "the control client closed the connection"
    case .timedOut(let timeout): "nothing from the control client for \(timeout)"
    case .protocolViolation(let reason): "the control client broke the conversation: \(reason)"
    case .cancelled: "cancelled: the daemon is stopping"
    case .failed(let reason): reason
    }
  }
}
