import Logging
import PetrelControl
import PetrelDNS
import PetrelResolver
import Synchronization

/// `reload`: reads the configuration file again (with the command line's options over it, as at start-up) and
/// applies what can change while the daemon runs.
///
/// Applied at once: `allow-from` (every listener's access list) and `local-zones` (the zones answered from
/// memory; the packet caches forget the old and new zones' names). Everything else is fixed for the life of
/// the process — the sockets, the threads, the caches' sizes and TTL bounds and the resolver's settings
/// (`forward-zones` included) are built into running objects — so a change to those is reported as needing a
/// restart and is not applied. A file that does not load leaves the running configuration exactly as it was.
final class ConfigurationReloader: Sendable {
  private let running: Mutex<ServerConfiguration>
  private let options: DaemonOptions
  private let accessList: AccessList
  private let localZones: ReloadableLocalZones
  private let packetCache: PacketCacheShards
  private let logger: Logger

  init(
    running: ServerConfiguration, options: DaemonOptions, accessList: AccessList, localZones: ReloadableLocalZones,
    packetCache: PacketCacheShards, logger: Logger
  ) {
    self.running = Mutex(running)
    self.options = options
    self.accessList = accessList
    self.localZones = localZones
    self.packetCache = packetCache
    self.logger = logger
  }

  func reload() async -> ControlResponse {
    guard let file = options.configurationFile else {
      return .error("petreld was started without --config: there is no configuration file to reload")
    }
    let loaded: ServerConfiguration
    do {
      loaded = try options.configuration()
    } catch {
      logger.warning("reload refused; the running configuration stays", metadata: ["reason": "\(error)"])
      return .error("\(file): the configuration was not reloaded, the running one stays:\n\(error)")
    }
    let old = running.withLock { $0 }
    var applied: [String] = []
    if loaded.allowFrom != old.allowFrom {
      accessList.replace(with: loaded.allowFrom)
      applied.append("allow-from")
    }
    if !Self.sameZones(loaded.localZones, old.localZones) {
      localZones.replace(with: loaded.localZones)
      let apexes = Set(loaded.localZones.map(\.apex) + old.localZones.map(\.apex))
      for apex in apexes { await packetCache.wipe(name: apex, subtree: true) }
      applied.append("local-zones")
    }
    let restart = Self.restartOnlyChanges(from: old, to: loaded)
    running.withLock { current in
      current.allowFrom = loaded.allowFrom
      current.localZones = loaded.localZones
    }
    logger.notice(
      "configuration reloaded",
      metadata: ["applied": "\(applied.joined(separator: ","))", "need-restart": "\(restart.joined(separator: ","))"])
    var message =
      applied.isEmpty
      ? "reloaded \(file): nothing to apply" : "reloaded \(file): applied \(applied.joined(separator: ", "))"
    if !restart.isEmpty { message += "\nchanged but not applied until a restart: \(restart.joined(separator: ", "))" }
    return .ok(
      message,
      fields: [
        "applied": .string(applied.joined(separator: ",")), "need-restart": .string(restart.joined(separator: ",")),
      ])
  }

  private static func sameZones(_ left: [LocalZoneSource], _ right: [LocalZoneSource]) -> Bool {
    left.count == right.count
      && zip(left, right).allSatisfy { $0.apex == $1.apex && $0.file == $1.file && $0.records == $1.records }
  }

  /// The keys that differ but only take effect when the daemon starts again.
  static func restartOnlyChanges(from old: ServerConfiguration, to new: ServerConfiguration) -> [String] {
    var keys: [String] = []
    func check(_ key: String, _ changed: Bool) { if changed { keys.append(key) } }
    check("listen", old.listen != new.listen)
    check("threads", old.threads != new.threads)
    check("tcp-idle-timeout", old.tcpIdleTimeout != new.tcpIdleTimeout)
    check("max-tcp-clients", old.maximumTCPClients != new.maximumTCPClients)
    check("max-concurrent-resolutions", old.maximumConcurrentResolutions != new.maximumConcurrentResolutions)
    check("log-level", old.logLevel != new.logLevel)
    check("runtime-directory", old.runtimeDirectory != new.runtimeDirectory)
    check("control-group", old.controlGroup != new.controlGroup)
    check("user", old.user != new.user)
    check("group", old.group != new.group)
    check("chroot", old.chroot != new.chroot)
    check("sandbox", old.sandbox != new.sandbox)
    check("packet-cache-size", old.packetCacheSize != new.packetCacheSize)
    let (a, b) = (old.resolver, new.resolver)
    check("root-hints", a.rootHints != b.rootHints)
    check("qname-minimisation", a.qnameMinimisation != b.qnameMinimisation)
    check("harden-glue", a.hardenGlue != b.hardenGlue)
    check("do-ipv6", a.queryIPv6 != b.queryIPv6)
    check("dont-query", a.dontQuery != b.dontQuery)
    check("forward-zones", a.forwardZones != b.forwardZones)
    check("min-ttl", a.minimumTTL != b.minimumTTL)
    check("max-ttl", a.maximumTTL != b.maximumTTL)
    check("max-negative-ttl", a.maximumNegativeTTL != b.maximumNegativeTTL)
    check("record-cache-size", a.recordCacheSize != b.recordCacheSize)
    check("negative-cache-size", a.negativeCacheSize != b.negativeCacheSize)
    check("nameserver-cache-size", a.nameserverCacheSize != b.nameserverCacheSize)
    check("edns-buffer-size", a.ednsBufferSize != b.ednsBufferSize)
    check("upstream-timeout", a.upstreamTimeout != b.upstreamTimeout)
    check("budgets (max-upstream-queries …)", a.budgets != b.budgets)
    return keys
  }
}
