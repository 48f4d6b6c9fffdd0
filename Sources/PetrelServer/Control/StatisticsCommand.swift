import PetrelControl

/// `stats [--format text|prometheus|json]`: every counter of ``DaemonMetrics``, for people, for Prometheus's
/// text exposition format, or as one JSON object for scripts.
enum StatisticsCommand {
  static func run(_ context: DaemonControlContext, format: String) async -> ControlResponse {
    let metrics = await DaemonMetrics.collect(context)
    switch format {
    case "prometheus": return .ok(prometheus(metrics))
    case "json": return .ok(json(metrics))
    default: return .ok(metrics.map { "\($0.flatName): \($0.value)" }.joined(separator: "\n"))
    }
  }

  /// `# HELP` and `# TYPE` once per metric name, then one sample per label set.
  static func prometheus(_ metrics: [DaemonMetric]) -> String {
    var out = ""
    var described: Set<String> = []
    for metric in metrics {
      let name = "petrel_\(metric.name)"
      if described.insert(name).inserted {
        out += "# HELP \(name) \(metric.help)\n# TYPE \(name) \(metric.kind.rawValue)\n"
      }
      let labels =
        metric.labels.isEmpty ? "" : "{" + metric.labels.map { "\($0.0)=\"\($0.1)\"" }.joined(separator: ",") + "}"
      out += "\(name)\(labels) \(metric.value)\n"
    }
    return String(out.dropLast())
  }

  static func json(_ metrics: [DaemonMetric]) -> String {
    var line = JSONLine()
    for metric in metrics { line.add(metric.flatName, metric.value) }
    return line.text
  }
}
