public import PetrelSystem

/// The listening sockets of phase 1 of start-up: bound, not yet served.
///
/// For every configured address, one UDP socket per event loop (all `SO_REUSEPORT` on the same address, so
/// the kernel spreads datagrams over the loops) and one TCP socket (whose connections the loops share).
/// Holding only descriptors, it can be made while the process still has one thread and its privileges.
public struct BoundSockets: Sendable {
  /// One listen address's sockets.
  public struct Address: Sendable {
    /// One UDP socket per event loop, in loop order.
    public var udp: [ListeningSocket]
    public var tcp: ListeningSocket

    /// The numeric host, as configured.
    public var host: String { tcp.host }
    /// The port bound (the kernel's choice when port 0 was configured).
    public var port: UInt16 { tcp.port }
  }

  public var addresses: [Address]
  /// The number of event loops the sockets were made for.
  public var threads: Int

  /// Every descriptor, for closing them when start-up fails before they are adopted.
  public var all: [ListeningSocket] { addresses.flatMap { $0.udp + [$0.tcp] } }

  /// Closes every socket: for start-up failures before phase 2.
  public func close() {
    for socket in all { socket.close() }
  }
}
