public import Logging
public import PetrelControl
public import PetrelResolver
public import PetrelSystem

/// What the daemon needs for `petrelctl`, from building the query pipeline to serving the control socket.
///
/// The control commands reach into the running daemon: `trace-queries` needs a hook on the resolver call,
/// `reload` needs local zones and an access list that can be replaced, `quit` needs a way to the main thread.
/// This value provides those parts before the pipeline is built, and ``serve(_:server:resolver:transport:logger:)``
/// starts the control server once the daemon is serving, so that `PetrelDaemon` gains only a few lines.
public final class DaemonControl: Sendable {
  /// The `trace-queries` hook; the pipeline's resolver goes through it (``queryResolver(_:)``).
  public let traceHook = QueryTraceHook()
  /// The local zones for the pipeline, replaced by `reload`.
  public let localZones: ReloadableLocalZones
  /// What `quit` and `quit-nicely` asked for; read by the main thread after SIGTERM.
  public let stopRequest = DaemonStopRequest()
  /// An accepted takeover; read by the main thread after SIGTERM, to drain instead of stopping.
  public let handOverRequest = HandOverRequest()

  private let options: DaemonOptions
  private let configuration: ServerConfiguration
  private let landlock: @Sendable () -> LandlockReport?
  private let takeoverHooks: TakeoverTestHooks
  private let announceMainProcess: @Sendable (Int32) -> Void

  /// - Parameters:
  ///   - configuration: the configuration the daemon starts with.
  ///   - options: the command line, re-applied over the file on `reload`.
  ///   - landlock: what Landlock put in force, for `privileges`; nil while no Landlock policy is applied.
  ///   - takeoverHooks: faults a takeover test injects (debug builds only).
  ///   - announceMainProcess: tells the service manager the new main process when a takeover succeeds.
  public init(
    configuration: ServerConfiguration, options: DaemonOptions,
    landlock: @escaping @Sendable () -> LandlockReport? = { nil },
    takeoverHooks: TakeoverTestHooks = TakeoverTestHooks(),
    announceMainProcess: @escaping @Sendable (Int32) -> Void = { _ in }
  ) {
    self.configuration = configuration
    self.options = options
    self.landlock = landlock
    self.takeoverHooks = takeoverHooks
    self.announceMainProcess = announceMainProcess
    localZones = ReloadableLocalZones(configuration.localZones)
  }

  /// The resolver as the query pipeline should call it: through the `trace-queries` hook.
  public func queryResolver(_ resolver: Resolver) -> TracedQueryResolver {
    TracedQueryResolver(resolver: resolver, hook: traceHook)
  }

  /// Starts serving the control socket bound in phase 1. Call it once the listeners are serving.
  public func serve(
    _ socket: DaemonControlSocket, server: RunningServer, resolver: Resolver, transport: NIOUpstreamTransport,
    logger: Logger
  ) throws(ControlServerError) -> ControlServer {
    let context = DaemonControlContext(
      server: server, resolver: resolver, transport: transport, traceHook: traceHook, stopRequest: stopRequest,
      reloader: ConfigurationReloader(
        running: configuration, options: options, accessList: server.pipeline.accessList, localZones: localZones,
        packetCache: server.packetCache, logger: logger),
      landlock: landlock, controlSocketPath: socket.socket.path,
      takeover: TakeoverHandler(
        source: TakeoverSource(
          sockets: server.sockets, controlSocket: socket.socket, caches: resolver.caches,
          drainTimeout: configuration.tcpIdleTimeout + .seconds(2), pauseReading: { server.pauseReading() },
          resumeReading: { server.startReading() }),
        hooks: takeoverHooks, logger: logger, announceMainProcess: announceMainProcess,
        handOver: { [handOverRequest] handOver in handOverRequest.request(handOver) }),
      logger: logger)
    let control = ControlServer(
      socket: socket.socket, handler: DaemonControlHandler(context: context), authorization: socket.authorization(),
      logger: logger)
    try control.start()
    return control
  }

  /// Stops the control server and any running query trace: for the daemon's exit. Sessions that have
  /// their answer (`quit`) still deliver it.
  public func stop(_ control: ControlServer?) {
    control?.stop()
    _ = traceHook.stop()
  }
}
