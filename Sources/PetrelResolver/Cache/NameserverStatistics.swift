/// What the resolver has learnt about a server's EDNS(0) support (RFC 6891 §7).
public enum EDNSSupport: String, Sendable, Equatable, CaseIterable {
  /// Not yet seen: send EDNS and find out.
  case unknown
  /// Answered a query with EDNS.
  case supported
  /// Answered FORMERR (or worse) to EDNS and well without it.
  case notSupported
}

/// What the resolver knows of one upstream server's health: round-trip time, timeouts, EDNS support, and
/// whether it is being left alone for a while.
///
/// It exists so that nameserver selection can prefer fast, working servers, and so that `dump-infra` and
/// `dump-throttled` can show the operator why a server is or is not being asked.
public struct NameserverStatistics: Sendable, Equatable {
  public var server: UpstreamServer
  /// Smoothed round-trip time (RFC 6298 SRTT), raised by timeouts.
  public var smoothedRTT: Duration
  /// Round-trip time variation (RFC 6298 RTTVAR).
  public var rttVariance: Duration
  /// Timeouts in a row since the last response.
  public var timeouts: Int
  /// When the server last answered or timed out, in the resolver clock's seconds.
  public var lastUsed: Int64
  public var ednsSupport: EDNSSupport
  /// Until when the server is not asked (unless nothing better is left); nil when not throttled.
  public var throttledUntil: Int64?
  /// Why the server is throttled: "timeouts", or the failure the resolver reported.
  public var throttleReason: String?

  public init(
    server: UpstreamServer, smoothedRTT: Duration, rttVariance: Duration, timeouts: Int = 0, lastUsed: Int64,
    ednsSupport: EDNSSupport = .unknown, throttledUntil: Int64? = nil, throttleReason: String? = nil
  ) {
    self.server = server
    self.smoothedRTT = smoothedRTT
    self.rttVariance = rttVariance
    self.timeouts = timeouts
    self.lastUsed = lastUsed
    self.ednsSupport = ednsSupport
    self.throttledUntil = throttledUntil
    self.throttleReason = throttleReason
  }

  /// RFC 6298 §2: SRTT + 4 × RTTVAR, the time worth waiting for this server's answer.
  public var retransmissionTimeout: Duration {
    smoothedRTT + rttVariance * 4
  }
}
