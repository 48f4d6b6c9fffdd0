import Logging
import NIOCore
import NIOPosix
import PetrelDNS
import PetrelResolver
import PetrelSystem

/// The daemon's life from configuration to exit, in the order DESIGN.md's "Start-up order" lays down.
///
/// Everything up to the bound sockets happens on the one thread the process starts with; the event loops (and
/// with them every other thread) start only afterwards, so that the privilege drop, when it is added between the
/// two phases, applies to every thread. Termination signals are blocked first and collected by the main thread
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
    let signals = SignalWaiter()

    // 2. The listening sockets, bound while the process has one thread.
    let threads = StartupSequence.threadCount(configuration.threads)
    let sockets: BoundSockets
    do {
      sockets = try StartupSequence.bindSockets(listen: configuration.listen, threads: threads)
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

    // 3–6. The privilege drop and sandbox (PrivilegePlan) go here, before any thread exists.

    // 7. Event loops, resolver, listeners.
    let group = StartupSequence.startEventLoops(for: sockets)
    let resolver = Resolver(
      configuration: configuration.resolver, transport: NIOUpstreamTransport(group: group), clock: WallClock(),
      logger: Logger(label: "petrel.resolver"))
    let localZones = LocalZones(configuration.localZones)
    let pipeline = QueryPipeline(
      resolver: resolver, localZones: localZones.isEmpty ? nil : localZones, allowFrom: configuration.allowFrom,
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
      try? group.syncShutdownGracefully()
      return 1
    }
    notifyReady(logger: logger)
    logger.info(
      "serving",
      metadata: [
        "threads": "\(threads)", "local-zones": "\(configuration.localZones.count)",
        "packet-cache-size": "\(configuration.packetCacheSize)",
      ])

    let signal = signals.wait()
    logger.info("stopping", metadata: ["signal": "\(signal)"])
    do {
      let unfinished = try server.shutdownBlocking(grace: shutdownGrace)
      if unfinished > 0 { logger.notice("resolutions abandoned at exit", metadata: ["count": "\(unfinished)"]) }
    } catch {
      logger.error("event loops did not stop cleanly", metadata: ["reason": "\(error)"])
    }
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

  private static func notifyReady(logger: Logger) {
    do {
      try SystemdNotifier.fromProcessEnvironment()?.ready(status: "serving")
    } catch {
      logger.warning("cannot notify systemd", metadata: ["reason": "\(error)"])
    }
  }
}
