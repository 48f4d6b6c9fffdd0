import Logging
import NIOCore
import NIOPosix
import PetrelControl
import PetrelDNS
import PetrelResolver
import PetrelSystem

/// The daemon's life from configuration to exit, in the order DESIGN.md's "Start-up order" lays down.
///
/// Everything up to the bound sockets happens on the one thread the process starts with; the event loops (and
/// with them every other thread) start only afterwards, so that the privilege drop between the two phases
/// applies to every thread. Termination signals are blocked first and collected by the main thread
/// with `sigwait`, which then stops the listeners, lets running resolutions finish briefly, and returns.
public enum PetrelDaemon {
  /// How long queries already being resolved may take to be answered once a stop is asked for.
  public static let shutdownGrace: Duration = .seconds(2)

  /// Runs the daemon; returns the process exit status (0 after SIGTERM or SIGINT, 1 when it cannot start).
  public static func run(_ options: DaemonOptions) -> Int32 {
    // 1. Arguments and configuration; every file the daemon will ever read is read here.
    let configuration: ServerConfiguration
    do {
      configuration = try options.configuration()
    } catch {
      bootstrapLogging(level: .info)
      Logger(label: "petreld").critical("configuration refused", metadata: ["reason": "\(error)"])
      return 1
    }
    bootstrapLogging(level: Logger.Level(rawValue: configuration.logLevel) ?? .info)
    let logger = Logger(label: "petreld")
    if !configuration.resolver.trustAnchors.isEmpty || !configuration.resolver.negativeTrustAnchors.isEmpty {
      logger.warning(
        "trust anchors accepted but not enforced: Petrel does not validate DNSSEC yet",
        metadata: [
          "trust-anchors": "\(configuration.resolver.trustAnchors.count)",
          "negative-trust-anchors": "\(configuration.resolver.negativeTrustAnchors.count)",
        ])
    }
    let signals = SignalWaiter()

    // 2. The listening sockets, bound while the process has one thread.
    let threads = StartupSequence.threadCount(configuration.threads)
    let sockets: BoundSockets
    let source: ListenerSource
    do {
      (sockets, source) = try ListenerSource.obtain(listen: configuration.listen, threads: threads, logger: logger)
    } catch {
      logger.critical("cannot listen", metadata: ["reason": "\(error)"])
      return 1
    }
    for address in sockets.addresses {
      logger.info(
        "listening",
        metadata: [
          "address": "\(ListenAddress(host: address.host, port: Int(address.port)))",
          "udp-sockets": "\(address.udp.count)",
        ])
    }
    // The control socket, created while the runtime directory may still be written.
    let controlSocket: DaemonControlSocket
    do {
      controlSocket = try DaemonControlSocket.bind(
        runtimeDirectory: configuration.runtimeDirectory, controlGroup: configuration.controlGroup)
    } catch {
      logger.critical("cannot create the control socket", metadata: ["reason": "\(error)"])
      sockets.close()
      return 1
    }

    // 3–6. The privilege drop and sandbox (PrivilegePlan), before any thread exists; see Privileges/.
    let notifier = ServiceNotifier.connect(logger: logger)
    guard
      let privileges = PrivilegeDrop.perform(
        configuration: configuration, configurationFile: options.configurationFile, sockets: sockets,
        socketActivated: source == .systemd, logger: logger)
    else {
      sockets.close()
      return 1
    }

    // 7. Event loops, resolver, listeners.
    let group = StartupSequence.startEventLoops(for: sockets)
    let transport = NIOUpstreamTransport(group: group)
    let resolver = Resolver(
      configuration: configuration.resolver, transport: transport, clock: WallClock(),
      logger: Logger(label: "petrel.resolver"))
    let landlock = privileges.landlock
    let control = DaemonControl(configuration: configuration, options: options, landlock: { landlock })
    let pipeline = QueryPipeline(
      resolver: control.queryResolver(resolver), localZones: control.localZones, allowFrom: configuration.allowFrom,
      maximumConcurrentResolutions: configuration.maximumConcurrentResolutions,
      cachePolicy: PacketCachePolicy(maximumTTL: configuration.resolver.maximumTTL),
      packetCacheSize: configuration.packetCacheSize, logger: Logger(label: "petrel.query"))
    let server: RunningServer
    do {
      server = try StartupSequence.serve(
        sockets, on: group, pipeline: pipeline, settings: ListenerSettings(configuration)
      ).wait()
    } catch {
      logger.critical("cannot serve", metadata: ["reason": "\(error)"])
      controlSocket.socket.close()
      try? group.syncShutdownGracefully()
      return 1
    }
    let controlServer: ControlServer?
    do {
      controlServer = try control.serve(
        controlSocket, server: server, resolver: resolver, transport: transport, logger: Logger(label: "petrel.control")
      )
    } catch {
      logger.error("control socket not served", metadata: ["reason": "\(error)"])
      controlServer = nil
    }
    notifier.ready(status: ServiceNotifier.servingStatus(sockets: sockets, source: source, outcome: privileges))
    logger.info(
      "serving",
      metadata: [
        "threads": "\(threads)", "local-zones": "\(configuration.localZones.count)",
        "packet-cache-size": "\(configuration.packetCacheSize)",
      ])

    let signal = signals.wait()
    let stopNow = control.stopRequest.mode == .now
    logger.info("stopping", metadata: ["signal": "\(signal)", "graceful": "\(!stopNow)"])
    notifier.stopping()
    do {
      let unfinished = try server.shutdownBlocking(grace: stopNow ? .zero : shutdownGrace)
      if unfinished > 0 { logger.notice("resolutions abandoned at exit", metadata: ["count": "\(unfinished)"]) }
    } catch {
      logger.error("event loops did not stop cleanly", metadata: ["reason": "\(error)"])
    }
    control.stop(controlServer)
    let statistics = server.statistics.snapshot()
    logger.info(
      "stopped",
      metadata: [
        "queries-udp": "\(statistics.queriesUDP)", "queries-tcp": "\(statistics.queriesTCP)",
        "packet-cache-hits": "\(statistics.packetCacheHits)",
      ])
    return 0
  }

  private static func bootstrapLogging(level: Logger.Level) {
    LoggingSystem.bootstrap { label in JournalLogHandler(label: label, logLevel: level) }
  }
}
