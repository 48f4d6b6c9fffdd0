import Glibc
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

  /// Runs the daemon; returns the process exit status (0 after SIGTERM or SIGINT, or after handing over to a
  /// new daemon; 1 when it cannot start, or when its takeover of a running daemon fails).
  public static func run(_ options: DaemonOptions) -> Int32 {
    // 0. `--background`: fork before anything else exists; the parent exits once this process serves.
    var background: BackgroundStart.Report? = nil
    if options.background {
      do {
        background = try BackgroundStart.detach()
      } catch {
        let line = Array("petreld: --background: fork: \(error)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        return 1
      }
    }
    let status = run(options, background: background)
    background?.failed("petreld exited with status \(status) before it served; its log says why")
    return status
  }

  private static func run(_ options: DaemonOptions, background: BackgroundStart.Report?) -> Int32 {
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

    // 2. The listening sockets, bound while the process has one thread — or taken from the running daemon.
    let threads = StartupSequence.threadCount(configuration.threads)
    let controlSocketPath = DaemonControlSocket.path(runtimeDirectory: configuration.runtimeDirectory)
    let takeover: DaemonTakeover.Start?
    let sockets: BoundSockets
    let source: ListenerSource
    if options.takeover
      || (configuration.takeover && DaemonTakeover.daemonAnswers(controlSocketPath: controlSocketPath))
    {
      do {
        let start = try DaemonTakeover.begin(
          controlSocketPath: controlSocketPath, listen: configuration.listen, threads: threads,
          transfer: options.takeoverTransfer, logger: logger)
        (takeover, sockets, source) = (start, start.sockets, .takeover)
      } catch {
        logger.critical("takeover failed; the running daemon goes on serving", metadata: ["reason": "\(error)"])
        background?.failed("takeover failed: \(error)")
        return 1
      }
    } else {
      takeover = nil
      do {
        (sockets, source) = try ListenerSource.obtain(listen: configuration.listen, threads: threads, logger: logger)
      } catch {
        logger.critical("cannot listen", metadata: ["reason": "\(error)"])
        return 1
      }
    }
    for address in sockets.addresses {
      logger.info(
        "listening",
        metadata: [
          "address": "\(ListenAddress(host: address.host, port: Int(address.port)))",
          "udp-sockets": "\(address.udp.count)",
        ])
    }
    // The control socket, created while the runtime directory may still be written (or taken over).
    let controlSocket: DaemonControlSocket
    do {
      if let taken = takeover?.controlSocket {
        controlSocket = try DaemonControlSocket.takenOver(taken, controlGroup: configuration.controlGroup)
      } else {
        controlSocket = try DaemonControlSocket.bind(
          runtimeDirectory: configuration.runtimeDirectory, controlGroup: configuration.controlGroup)
      }
    } catch {
      logger.critical("cannot create the control socket", metadata: ["reason": "\(error)"])
      takeover?.pending.abort(reason: "no control socket: \(error)")
      sockets.close()
      return 1
    }
    // A taken-over control socket file belongs to both daemons until the hand-over: never remove it.
    if takeover != nil { controlSocket.socket.keepFileOnClose() }

    // 3–6. The privilege drop and sandbox (PrivilegePlan), before any thread exists; see Privileges/.
    let notifier = ServiceNotifier.connect(logger: logger)
    guard
      let privileges = PrivilegeDrop.perform(
        configuration: configuration, configurationFile: options.configurationFile, sockets: sockets,
        socketActivated: source != .bound, logger: logger)
    else {
      takeover?.pending.abort(reason: "the new daemon could not drop its privileges")
      sockets.close()
      return 1
    }

    // 7. Event loops, resolver, listeners.
    let group = StartupSequence.startEventLoops(for: sockets)
    let transport = NIOUpstreamTransport(group: group)
    let resolver = Resolver(
      configuration: configuration.resolver, transport: transport, clock: WallClock(),
      logger: Logger(label: "petrel.resolver"))
    // A taken-over cache, decoded now that no privilege is left: the bytes come from another process.
    if let takeover {
      DaemonTakeover.loadSnapshot(of: takeover.pending, into: resolver.caches, clock: WallClock(), logger: logger)
    }
    let landlock = privileges.landlock
    let control = DaemonControl(
      configuration: configuration, options: options, landlock: { landlock },
      takeoverHooks: options.takeoverTestHooks, announceMainProcess: { pid in notifier.mainProcess(pid) })
    let pipeline = QueryPipeline(
      resolver: control.queryResolver(resolver), localZones: control.localZones, allowFrom: configuration.allowFrom,
      maximumConcurrentResolutions: configuration.maximumConcurrentResolutions,
      cachePolicy: PacketCachePolicy(maximumTTL: configuration.resolver.maximumTTL),
      packetCacheSize: configuration.packetCacheSize, logger: Logger(label: "petrel.query"))
    let server: RunningServer
    do {
      // Taken-over sockets are still read by the running daemon: they are read here only once it has stopped.
      server = try StartupSequence.serve(
        sockets, on: group, pipeline: pipeline, settings: ListenerSettings(configuration), startReading: takeover == nil
      ).wait()
    } catch {
      logger.critical("cannot serve", metadata: ["reason": "\(error)"])
      takeover?.pending.abort(reason: "the new daemon cannot serve: \(error)")
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
    // 8. After a takeover: only now, both serving, may the running daemon stop.
    if let takeover,
      !DaemonTakeover.finish(takeover.pending, server: server, hooks: options.takeoverTestHooks, logger: logger)
    {
      _ = try? server.shutdownBlocking(grace: shutdownGrace)
      control.stop(controlServer)
      background?.failed("the running daemon did not accept the takeover; it goes on serving")
      return 1
    }
    notifier.ready(status: ServiceNotifier.servingStatus(sockets: sockets, source: source, outcome: privileges))
    background?.succeeded()
    logger.info(
      "serving",
      metadata: [
        "threads": "\(threads)", "local-zones": "\(configuration.localZones.count)",
        "packet-cache-size": "\(configuration.packetCacheSize)",
      ])

    let signal = signals.wait()
    if let handOver = control.handOverRequest.handOver {
      return drain(
        after: handOver, server: server, control: control, controlServer: controlServer,
        controlSocket: controlSocket, logger: logger)
    }
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

  /// The end of a daemon that was taken over: its control socket file stays (the new daemon serves that
  /// socket), it stops reading, answers what is in flight, lets its TCP clients finish, and exits 0.
  private static func drain(
    after handOver: TakeoverHandOver, server: RunningServer, control: DaemonControl, controlServer: ControlServer?,
    controlSocket: DaemonControlSocket, logger: Logger
  ) -> Int32 {
    logger.notice(
      "handed over; draining",
      metadata: ["new-pid": "\(handOver.newProcessID)", "drain-timeout": "\(handOver.drainTimeout)"])
    controlSocket.socket.keepFileOnClose()
    control.stop(controlServer)
    let outcome = server.drainAfterHandover(timeout: handOver.drainTimeout)
    let statistics = server.statistics.snapshot()
    logger.notice(
      "drained; exiting",
      metadata: [
        "seconds": "\(outcome.duration)", "abandoned-resolutions": "\(outcome.unfinishedResolutions)",
        "cut-tcp-connections": "\(outcome.openTCPConnections)", "queries-udp": "\(statistics.queriesUDP)",
        "queries-tcp": "\(statistics.queriesTCP)",
      ])
    return 0
  }

  private static func bootstrapLogging(level: Logger.Level) {
    LoggingSystem.bootstrap { label in JournalLogHandler(label: label, logLevel: level) }
  }
}
