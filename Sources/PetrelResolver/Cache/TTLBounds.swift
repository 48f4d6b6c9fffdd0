/// The operator's limits on how long data may stay cached (Unbound's `cache-min-ttl` / `cache-max-ttl`).
///
/// A separate value so that the clamping rule is stated once and tested on its own; the caches apply it to every
/// TTL they are given.
struct TTLBounds: Sendable, Equatable {
  var minimum: UInt32
  var maximum: UInt32

  /// Bounds whose minimum never exceeds the maximum: a misconfigured minimum is lowered to the maximum.
  init(minimum: UInt32, maximum: UInt32) {
    self.minimum = min(minimum, maximum)
    self.maximum = maximum
  }

  func clamp(_ ttl: UInt32) -> UInt32 {
    min(max(ttl, minimum), maximum)
  }
}
