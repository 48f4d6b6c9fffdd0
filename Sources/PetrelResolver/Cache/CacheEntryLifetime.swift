/// What a bounded cache needs to know of a stored value: the moment it stops being usable.
///
/// Shared by the record, negative and nameserver caches so that one eviction mechanism serves all three; an
/// entry is live while `now < expiresAt` and expires exactly at `expiresAt`.
protocol ExpiringCacheValue: Sendable {
  var expiresAt: Int64 { get }
}

extension ExpiringCacheValue {
  func isLive(at now: Int64) -> Bool { now < expiresAt }

  /// Seconds left, never negative and never more than a TTL can say.
  func remainingTTL(at now: Int64) -> UInt32 {
    let left = expiresAt - now
    if left <= 0 { return 0 }
    return left >= Int64(UInt32.max) ? UInt32.max : UInt32(left)
  }
}
