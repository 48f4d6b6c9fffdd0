public import PetrelControl

/// Why a takeover did not happen, on either side. The running daemon logs it and goes on serving; the new
/// daemon logs it and exits non-zero.
public enum TakeoverFailure: Error, Hashable, Sendable, CustomStringConvertible {
  /// The control connection failed: no daemon, refused, version mismatch, timeout.
  case control(ControlClientError)
  /// The conversation broke off on the running daemon's side (the new daemon left, stalled, or sent nonsense).
  case conversation(ControlConversationError)
  /// The running daemon could not build its offer.
  case offer(String)
  /// The other daemon broke the takeover protocol.
  case protocolViolation(String)
  /// The process behind the connection is not the one the offer names.
  case identity(String)
  /// The sealed cache snapshot could not be trusted or read.
  case snapshot(String)
  /// A descriptor could not be taken or received.
  case transfer(String)
  /// A received descriptor is not the socket the offer described.
  case mismatch(String)
  /// The other daemon gave the takeover up.
  case aborted(String)

  public var description: String {
    switch self {
    case .control(let error): "control connection: \(error)"
    case .conversation(let error): "\(error)"
    case .offer(let reason): "cannot offer a takeover: \(reason)"
    case .protocolViolation(let reason): "takeover protocol violated: \(reason)"
    case .identity(let reason): "wrong process: \(reason)"
    case .snapshot(let reason): "cache snapshot refused: \(reason)"
    case .transfer(let reason): "descriptor transfer failed: \(reason)"
    case .mismatch(let reason): "descriptor mismatch: \(reason)"
    case .aborted(let reason): "aborted: \(reason)"
    }
  }
}
