/// How the listeners are set up: the transport-level limits of the configuration, plus socket tuning.
///
/// Kept apart from `ServerConfiguration` so that tests can start listeners with small limits and short
/// timeouts without building a whole configuration.
public struct ListenerSettings: Sendable {
  /// How long an idle client TCP connection is kept.
  public var tcpIdleTimeout: Duration
  /// Client TCP connections open at once, across every loop; beyond it new ones are closed.
  public var maximumTCPClients: Int
  /// Queries of one TCP connection waiting for the resolver at once; beyond it the connection is not read.
  public var maximumQueriesPerTCPConnection: Int
  /// Datagrams taken from a UDP socket by one `recvmmsg`.
  public var udpVectorReadCount: Int
  /// Receive space for one datagram; a longer one is cut short and answered FORMERR.
  public var udpMaximumQuerySize: Int

  public init(
    tcpIdleTimeout: Duration = .seconds(10), maximumTCPClients: Int = 1_000, maximumQueriesPerTCPConnection: Int = 64,
    udpVectorReadCount: Int = 32, udpMaximumQuerySize: Int = 2_048
  ) {
    self.tcpIdleTimeout = tcpIdleTimeout
    self.maximumTCPClients = maximumTCPClients
    self.maximumQueriesPerTCPConnection = maximumQueriesPerTCPConnection
    self.udpVectorReadCount = max(1, udpVectorReadCount)
    self.udpMaximumQuerySize = max(512, udpMaximumQuerySize)
  }

  /// The settings `configuration` asks for.
  public init(_ configuration: ServerConfiguration) {
    self.init(
      tcpIdleTimeout: configuration.tcpIdleTimeout, maximumTCPClients: configuration.maximumTCPClients)
  }
}
