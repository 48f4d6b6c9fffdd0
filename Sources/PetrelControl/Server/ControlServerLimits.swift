/// The bounds on what clients can make the control server do: every resource a client can tie up has a
/// limit, so that a stuck or hostile client costs at most one session slot for a bounded time.
public struct ControlServerLimits: Hashable, Sendable {
  /// Sessions served at once; further clients get a `refused` response ("busy") right away.
  public var maximumConnections: Int
  /// How long a client has, after connecting, to send its whole request.
  public var requestTimeout: Duration
  /// The largest request payload accepted.
  public var maximumRequestSize: Int
  /// The least time between two progress frames.
  public var progressInterval: Duration
  /// How long a write to the client may wait for room before the client is treated as gone.
  public var writeTimeout: Duration

  public init(
    maximumConnections: Int = 8,
    requestTimeout: Duration = .seconds(5),
    maximumRequestSize: Int = ControlProtocol.defaultMaximumRequestSize,
    progressInterval: Duration = .seconds(1),
    writeTimeout: Duration = .seconds(10)
  ) {
    self.maximumConnections = maximumConnections
    self.requestTimeout = requestTimeout
    self.maximumRequestSize = min(maximumRequestSize, ControlProtocol.maximumPayloadSize)
    self.progressInterval = progressInterval
    self.writeTimeout = writeTimeout
  }
}
