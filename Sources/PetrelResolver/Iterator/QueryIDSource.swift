/// Where the IDs of upstream queries come from.
///
/// Every upstream query carries a fresh random ID, half of the defence against spoofed answers (the transport's
/// random source port is the other half). Injectable so that tests can predict IDs and forge replies that carry
/// a wrong one.
public protocol QueryIDSource: Sendable {
  func nextQueryID() -> UInt16
}

/// Query IDs from the system's cryptographically secure random number generator.
public struct SystemQueryIDSource: QueryIDSource {
  public init() {}

  public func nextQueryID() -> UInt16 {
    var generator = SystemRandomNumberGenerator()
    return UInt16.random(in: .min ... .max, using: &generator)
  }
}
