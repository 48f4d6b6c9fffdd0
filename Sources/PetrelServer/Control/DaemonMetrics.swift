import PetrelDNS
import PetrelResolver

/// One counter or gauge of the daemon, named once and printed in three formats by `stats`.
struct DaemonMetric: Sendable {
  enum Kind: String, Sendable {
    case counter
    case gauge
  }

  /// The Prometheus metric name, without the `petrel_` prefix: `queries_total`.
  var name: String
  /// Prometheus labels, e.g. `transport="udp"`; they also make the text and JSON names distinct.
  var labels: [(String, String)]
  var kind: Kind
  var help: String
  var value: Int

  /// The name for text and JSON: `queries-total-udp`.
  var flatName: String {
    ([name.split(separator: "_").joined(separator: "-")] + labels.map { $0.1.lowercased() }).joined(separator: "-")
  }
}

/// Every counter the daemon keeps, read at one moment: the query pipeline's (`ServerStatistics`), the packet
/// caches', the resolver caches' sizes, the upstream transport's rejections and what is in flight.
enum DaemonMetrics {
  static func collect(_ context: DaemonControlContext) async -> [DaemonMetric] {
    let server = context.server
    let statistics = server.statistics.snapshot()
    let packet = await server.packetCache.counters()
    let packetEntries = await server.packetCache.count()
    let rejections = context.transport.rejections
    let caches = context.caches
    var metrics: [DaemonMetric] = []
    func add(_ name: String, _ labels: [(String, String)] = [], _ kind: DaemonMetric.Kind, _ help: String, _ value: Int)
    {
      metrics.append(DaemonMetric(name: name, labels: labels, kind: kind, help: help, value: value))
    }
    add("uptime_seconds", [], .gauge, "Seconds since the daemon began serving.", Int(context.uptimeSeconds))
    add("queries_total", [("transport", "udp")], .counter, "Client queries received.", statistics.queriesUDP)
    add("queries_total", [("transport", "tcp")], .counter, "Client queries received.", statistics.queriesTCP)
    let rcodes: [RCode] = [.noError, .formErr, .servFail, .nxDomain, .notImp, .refused, .badVers]
    for rcode in rcodes {
      add(
        "responses_total", [("rcode", "\(rcode)")], .counter, "Responses sent, by rcode.", statistics.responses(rcode))
    }
    let other = statistics.responses.filter { !rcodes.contains($0.key) }.reduce(0) { $0 + $1.value }
    add("responses_total", [("rcode", "OTHER")], .counter, "Responses sent, by rcode.", other)
    add("packet_cache_hits_total", [], .counter, "Queries answered from the packet cache.", statistics.packetCacheHits)
    add(
      "packet_cache_misses_total", [], .counter, "Queries the packet cache could not answer.",
      statistics.packetCacheMisses)
    add("packet_cache_lookups_hit_total", [], .counter, "Packet cache lookups that found a response.", packet.hits)
    add("packet_cache_lookups_missed_total", [], .counter, "Packet cache lookups that found none.", packet.misses)
    add("refused_by_acl_total", [], .counter, "Queries refused because of allow-from.", statistics.refusedByACL)
    add("dropped_malformed_total", [], .counter, "Packets dropped as not a query.", statistics.droppedMalformed)
    add("truncated_total", [], .counter, "UDP responses sent truncated (TC).", statistics.truncated)
    add(
      "resolution_overflow_total", [], .counter, "Queries answered SERVFAIL because too many resolutions ran.",
      statistics.resolutionOverflow)
    let sizes: [(String, Int)] = [
      ("records", caches.records.count), ("negative", caches.negative.count),
      ("nameservers", caches.nameservers.count), ("packet", packetEntries),
    ]
    for (cache, size) in sizes {
      add("cache_entries", [("cache", cache)], .gauge, "Entries held, by cache.", size)
    }
    add("throttled_nameservers", [], .gauge, "Upstream servers throttled now.", caches.nameservers.throttled().count)
    let reasons: [(String, Int)] = [
      ("wrong-source", rejections.wrongSource), ("wrong-id", rejections.wrongID),
      ("not-response", rejections.notResponse), ("undecodable", rejections.undecodable),
    ]
    for (reason, count) in reasons {
      add(
        "upstream_rejections_total", [("reason", reason)], .counter, "Upstream responses thrown away, by reason.", count
      )
    }
    let outcomes = context.transport.outcomes
    add("upstream_queries_total", [("transport", "udp")], .counter, "Queries sent upstream.", outcomes.queriesUDP)
    add("upstream_queries_total", [("transport", "tcp")], .counter, "Queries sent upstream.", outcomes.queriesTCP)
    add(
      "upstream_answers_total", [], .counter, "Upstream queries that got an acceptable response.", outcomes.answered)
    let failures: [(String, Int)] = [
      ("timeout", outcomes.timeouts), ("refused", outcomes.refused), ("unreachable", outcomes.unreachable),
      ("malformed", outcomes.malformed), ("connection-closed", outcomes.connectionClosed),
      ("other", outcomes.otherFailures),
    ]
    for (reason, count) in failures {
      add(
        "upstream_failures_total", [("reason", reason)], .counter,
        "Upstream queries that ended without an answer, by reason.", count)
    }
    add(
      "upstream_sockets_open", [], .gauge, "Upstream sockets open, one per query in flight.",
      context.transport.openSockets)
    add("resolutions_in_flight", [], .gauge, "Client queries being resolved.", server.pipeline.resolutions.count)
    add("tcp_clients", [], .gauge, "Client TCP connections open.", server.tcpClients.count)
    return metrics
  }
}
