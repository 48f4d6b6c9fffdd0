import Logging
import NIOCore
import PetrelControl
import PetrelDNS
import PetrelResolver
import PetrelServer
import PetrelSystem
import Synchronization

/// A daemon's serving half inside the test process: DNS listeners on 127.0.0.1 and ::1 (ports chosen by the
/// kernel) and a control server whose only command is `takeover`. The "new daemon" of a test takes over
/// from it with ``TakeoverClient`` — `pidfd_getfd` on its own process, or `SCM_RIGHTS` on the same
/// connection — and serves the taken sockets with a resolver that answers another address, so that every
/// answer says which side gave it.
final class InProcessDaemon: Sendable {
  let running: RunningServer
  let control: ControlServer
  let resolver: CountingResolver
  let caches: ResolverCaches
  let socketPath: String
  private let handOvers = Mutex<[TakeoverHandOver]>([])
  private let announcements = Mutex<[Int32]>([])

  /// Takeovers this daemon accepted.
  var acceptedHandOvers: [TakeoverHandOver] { handOvers.withLock { $0 } }
  /// The main processes it announced to the (pretend) service manager, in order.
  var announcedMainProcesses: [Int32] { announcements.withLock { $0 } }

  var portV4: UInt16 { running.sockets.addresses[0].port }
  var portV6: UInt16 { running.sockets.addresses[1].port }

  static func start(
    in directory: TemporaryDirectory, answering address: IPv4Address, threads: Int = 2,
    hooks: TakeoverTestHooks = TakeoverTestHooks(), readyTimeout: Duration = .seconds(30),
    servingTimeout: Duration = .seconds(5), logger: Logger
  ) async throws -> InProcessDaemon {
    let sockets = try StartupSequence.bindSockets(
      listen: [ListenAddress(host: "127.0.0.1", port: 0), ListenAddress(host: "::1", port: 0)], threads: threads)
    let resolver = CountingResolver(address: address)
    let running = try await StartupSequence.serve(
      sockets,
      pipeline: QueryPipeline(
        resolver: resolver, allowFrom: IPNetwork.privateAndLoopback, maximumConcurrentResolutions: 100,
        packetCacheSize: 0),
      settings: ListenerSettings(tcpIdleTimeout: .seconds(2))
    ).get()
    let caches = ResolverCaches(configuration: ResolverConfiguration(), clock: WallClock())
    let socketPath = directory.file("control.sock")
    let controlSocket = try ControlServer.bind(path: socketPath)
    let box = HandOverBox()
    let handler = TakeoverHandler(
      source: TakeoverSource(
        sockets: sockets, controlSocket: controlSocket, caches: caches, readyTimeout: readyTimeout,
        drainTimeout: .seconds(5), servingTimeout: servingTimeout, pauseReading: { running.pauseReading() },
        resumeReading: { running.startReading() }),
      hooks: hooks, logger: logger, announceMainProcess: { box.announce($0) }, handOver: { box.record($0) })
    let control = ControlServer(socket: controlSocket, handler: handler, logger: logger)
    try control.start()
    let daemon = InProcessDaemon(
      running: running, control: control, resolver: resolver, caches: caches, socketPath: socketPath)
    box.daemon.withLock { $0 = daemon }
    return daemon
  }

  private init(
    running: RunningServer, control: ControlServer, resolver: CountingResolver, caches: ResolverCaches,
    socketPath: String
  ) {
    self.running = running
    self.control = control
    self.resolver = resolver
    self.caches = caches
    self.socketPath = socketPath
  }

  fileprivate func record(_ handOver: TakeoverHandOver) {
    handOvers.withLock { $0.append(handOver) }
  }

  fileprivate func announce(_ pid: Int32) {
    announcements.withLock { $0.append(pid) }
  }

  /// Stops the control server and the listeners.
  func stop() async throws {
    control.stop()
    try await running.shutdown()
  }
}

/// Lets the hand-over action, made before the daemon value exists, reach it.
private final class HandOverBox: Sendable {
  let daemon = Mutex<InProcessDaemon?>(nil)

  func record(_ handOver: TakeoverHandOver) {
    daemon.withLock { $0?.record(handOver) }
  }

  func announce(_ pid: Int32) {
    daemon.withLock { $0?.announce(pid) }
  }
}

/// The "new daemon" of an in-process test: serves the descriptors a pending takeover holds, reading them
/// only once the running daemon has stopped (``PendingTakeover/ready(startReading:)``).
struct InProcessSuccessor {
  let running: RunningServer
  let resolver: CountingResolver

  static func serve(_ pending: PendingTakeover, answering address: IPv4Address) async throws -> InProcessSuccessor {
    let resolver = CountingResolver(address: address)
    let sockets = BoundSockets(takenOver: pending.descriptors, threads: 1)
    let running = try await StartupSequence.serve(
      sockets,
      pipeline: QueryPipeline(
        resolver: resolver, allowFrom: IPNetwork.privateAndLoopback, maximumConcurrentResolutions: 100,
        packetCacheSize: 0),
      settings: ListenerSettings(), startReading: false
    ).get()
    return InProcessSuccessor(running: running, resolver: resolver)
  }
}
