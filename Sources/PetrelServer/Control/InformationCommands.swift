import Glibc
import PetrelControl
import PetrelSystem

/// `version`, `status` and `privileges`: what the running daemon is and holds, for people.
enum InformationCommands {
  static func version() -> ControlResponse {
    .ok(
      "petreld \(PetrelVersion.current) (control protocol \(ControlProtocol.version))",
      fields: ["version": .string(PetrelVersion.current), "protocol-version": .count(ControlProtocol.version)])
  }

  /// Uptime, listeners, query counters, cache sizes per cache, work in flight, the trace running.
  static func status(_ context: DaemonControlContext) async -> ControlResponse {
    let server = context.server
    let statistics = server.statistics.snapshot()
    let packetEntries = await server.packetCache.count()
    let caches = context.caches
    let sizes: [(String, Int)] = [
      ("records", caches.records.count), ("negative", caches.negative.count),
      ("nameservers", caches.nameservers.count), ("packet", packetEntries),
    ]
    var lines = ["petreld \(PetrelVersion.current), pid \(getpid()), up \(Self.duration(context.uptimeSeconds))"]
    for address in server.sockets.addresses {
      let listen = ListenAddress(host: address.host, port: Int(address.port))
      lines.append("listening on \(listen): udp (\(address.udp.count) sockets), tcp")
    }
    lines.append("control socket \(context.controlSocketPath)")
    lines.append(
      "queries: \(statistics.queriesUDP) udp, \(statistics.queriesTCP) tcp; packet cache \(statistics.packetCacheHits) "
        + "hits, \(statistics.packetCacheMisses) misses")
    lines.append(
      "in flight: \(server.pipeline.resolutions.count) resolutions, \(server.tcpClients.count) tcp clients, "
        + "\(context.transport.openSockets) upstream sockets")
    lines.append("caches: " + sizes.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
    lines.append("trace-queries: " + (context.traceHook.pattern.map { "'\($0)'" } ?? "off"))
    var fields: [String: ControlValue] = [
      "uptime-seconds": .count(context.uptimeSeconds), "queries-udp": .count(statistics.queriesUDP),
      "queries-tcp": .count(statistics.queriesTCP), "resolutions-in-flight": .count(server.pipeline.resolutions.count),
    ]
    for (name, size) in sizes { fields["cache-\(name)"] = .count(size) }
    return .ok(lines.joined(separator: "\n"), fields: fields)
  }

  /// `PrivilegeReport.current` as the kernel reports it, with the daemon's Landlock report.
  static func privileges(_ context: DaemonControlContext) -> ControlResponse {
    do {
      let report = try PrivilegeReport.current(landlock: context.landlock())
      guard report.landlock == nil else { return .ok(report.description) }
      // The daemon has applied no Landlock policy (yet): say so rather than "not recorded".
      let lines = report.description.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.hasPrefix("landlock:") ? "landlock:     not applied" : String(line)
      }
      return .ok(lines.joined(separator: "\n"))
    } catch {
      return .error("cannot read the daemon's privileges: \(error)")
    }
  }

  /// `3d 4h 5m 6s`, leaving out leading zero units.
  static func duration(_ seconds: Int64) -> String {
    let units: [(Int64, String)] = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")]
    var rest = max(0, seconds)
    var parts: [String] = []
    for (size, unit) in units {
      let count = rest / size
      rest %= size
      if count > 0 || !parts.isEmpty || size == 1 { parts.append("\(count)\(unit)") }
    }
    return parts.joined(separator: " ")
  }
}
