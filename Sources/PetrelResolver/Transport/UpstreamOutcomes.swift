/// How many queries an upstream transport has sent, and how each one ended, for metrics.
///
/// Operators compare these with the client side: the outgoing queries per client query show how much work the
/// caches save, and a rising share of timeouts or refusals is the first sign of an unreachable or failing
/// authority (PowerDNS Recursor's `all-outqueries` and `outgoing-timeouts` play the same part).
public struct UpstreamOutcomes: Sendable, Hashable {
  /// Queries handed to a UDP socket.
  public var queriesUDP: Int
  /// Queries sent over a TCP connection.
  public var queriesTCP: Int
  /// Queries that got a response the transport accepted.
  public var answered: Int
  /// Queries without an acceptable response before their deadline.
  public var timeouts: Int
  /// Queries refused (ICMP port unreachable, TCP reset on connect).
  public var refused: Int
  /// Queries to an address this host cannot reach.
  public var unreachable: Int
  /// Queries whose only response from the right place with the right ID would not decode.
  public var malformed: Int
  /// TCP queries whose connection closed before the whole response arrived.
  public var connectionClosed: Int
  /// Queries that ended otherwise: cancelled with their resolution, or a local error.
  public var otherFailures: Int

  public init(
    queriesUDP: Int = 0, queriesTCP: Int = 0, answered: Int = 0, timeouts: Int = 0, refused: Int = 0,
    unreachable: Int = 0, malformed: Int = 0, connectionClosed: Int = 0, otherFailures: Int = 0
  ) {
    self.queriesUDP = queriesUDP
    self.queriesTCP = queriesTCP
    self.answered = answered
    self.timeouts = timeouts
    self.refused = refused
    self.unreachable = unreachable
    self.malformed = malformed
    self.connectionClosed = connectionClosed
    self.otherFailures = otherFailures
  }

  /// Queries that ended without an answer, whatever the reason.
  public var failures: Int { timeouts + refused + unreachable + malformed + connectionClosed + otherFailures }
}
