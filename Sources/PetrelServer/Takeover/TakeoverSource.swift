public import PetrelControl
public import PetrelResolver
import SystemPackage

/// What a running daemon offers a new one: its listening sockets, its control socket, its caches, and the
/// time limits it keeps to. Built by the daemon once it serves, read by ``TakeoverHandler``.
public struct TakeoverSource: Sendable {
  /// The DNS listeners being served.
  public var sockets: BoundSockets
  /// The control socket, when the daemon serves one: handed over too, so that its file and the clients
  /// queued on it stay valid.
  public var controlSocket: BoundControlSocket?
  /// The caches to snapshot; nil offers none.
  public var caches: ResolverCaches?
  public var clock: any ResolverClock
  /// How long the new daemon has, after the offer, to say it is ready; after that the takeover is given up.
  public var readyTimeout: Duration
  /// How long draining may take once the new daemon serves: answering resolutions in flight, and waiting
  /// for clients to close their TCP connections.
  public var drainTimeout: Duration
  /// Stops reading the listening sockets without closing them (blocking until no listener reads): when the
  /// new daemon is ready, so that only one daemon reads a socket at any moment.
  public var pauseReading: @Sendable () -> Void
  /// Reads them again: when the new daemon fails between `accepted` and `serving`.
  public var resumeReading: @Sendable () -> Void
  /// How long the new daemon may take, after `accepted`, to start reading: meanwhile nobody reads the
  /// sockets (their queues hold the queries), so this is short.
  public var servingTimeout: Duration

  public init(
    sockets: BoundSockets, controlSocket: BoundControlSocket?, caches: ResolverCaches?,
    clock: any ResolverClock = WallClock(), readyTimeout: Duration = .seconds(60), drainTimeout: Duration,
    servingTimeout: Duration = .seconds(5), pauseReading: @escaping @Sendable () -> Void,
    resumeReading: @escaping @Sendable () -> Void
  ) {
    self.sockets = sockets
    self.controlSocket = controlSocket
    self.caches = caches
    self.clock = clock
    self.readyTimeout = readyTimeout
    self.drainTimeout = drainTimeout
    self.pauseReading = pauseReading
    self.resumeReading = resumeReading
    self.servingTimeout = servingTimeout
  }

  /// Every descriptor offered with its role, in offer order: each address's UDP sockets, then its TCP
  /// socket, then the control socket.
  var offeredDescriptors: [(role: TakeoverSocketDescription.Role, descriptor: FileDescriptorNumber)] {
    var offered: [(TakeoverSocketDescription.Role, FileDescriptorNumber)] = []
    for address in sockets.addresses {
      offered += address.udp.map { (.dnsUDP, $0.descriptor.rawValue) }
      offered.append((.dnsTCP, address.tcp.descriptor.rawValue))
    }
    if let controlSocket { offered.append((.control, controlSocket.descriptor.rawValue)) }
    return offered.map { (role: $0.0, descriptor: $0.1) }
  }
}

/// A descriptor's number, as `pidfd_getfd` names it in another process.
typealias FileDescriptorNumber = Int32
