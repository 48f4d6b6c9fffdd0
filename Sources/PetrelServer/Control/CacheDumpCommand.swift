import PetrelControl
import PetrelDNS
import PetrelResolver
import SystemPackage

/// `dump-cache FILE|- [--kind …] [--format text|json]`: writes the chosen caches into the client's descriptor.
///
/// Each cache is copied with its `snapshot()`, one shard at a time with only that shard locked; sorting,
/// formatting and writing all happen afterwards with no cache lock held, so a reader that stops reading holds
/// up only this command, never the resolver. `records` in the answer counts cache entries written (an RRset,
/// a denial, a nameserver), `bytes` the bytes the kernel accepted; a failed write answers with both, as far
/// as they got.
enum CacheDumpCommand {
  static func run(
    _ context: DaemonControlContext, kind: String, format: String, descriptor: FileDescriptor,
    progress: ControlProgressReporter
  ) async throws -> ControlResponse {
    var writer = try DescriptorWriter(descriptor, progress: progress)
    let json = format == "json"
    let kinds = kind == "all" ? ["records", "negative", "nameservers", "packet"] : [kind]
    for kind in kinds {
      try Task.checkCancellation()
      switch kind {
      case "records":
        let entries = CacheDumpLines.sorted(context.caches.records.snapshot())
        if !json { try writer.write(Array("; records: \(entries.count) RRsets\n".utf8)) }
        try write(entries, to: &writer) { json ? CacheDumpLines.json($0) : CacheDumpLines.text($0) }
      case "negative":
        let entries = CacheDumpLines.sorted(context.caches.negative.snapshot())
        if !json { try writer.write(Array("; negative: \(entries.count) denials\n".utf8)) }
        try write(entries, to: &writer) { json ? CacheDumpLines.json($0) : CacheDumpLines.text($0) }
      case "nameservers":
        let entries = CacheDumpLines.sorted(context.caches.nameservers.snapshot())
        if !json { try writer.write(Array("; nameservers: \(entries.count) servers\n".utf8)) }
        try write(entries, to: &writer) { json ? CacheDumpLines.json($0) : CacheDumpLines.text($0) }
      default:
        try await writePacketSummary(context, json: json, to: &writer)
      }
    }
    try writer.finish()
    return .ok("dumped \(kind) (\(format))", fields: writer.progressFields)
  }

  /// Formats and writes entries one by one, each a record of the count.
  private static func write<Entry>(
    _ entries: [Entry], to writer: inout DescriptorWriter, _ format: (Entry) -> String
  ) throws {
    for (index, entry) in entries.enumerated() {
      if index & 0x3FFF == 0 { try Task.checkCancellation() }
      try writer.write(record: format(entry))
    }
  }

  /// The packet caches hold encoded responses, one cache per event loop: a summary line, then each response as
  /// comment lines (its question, rcode and remaining seconds, then its records as stored), so that `load-cache`
  /// passes over them — the records themselves come from the record and negative caches, dumped above.
  private static func writePacketSummary(
    _ context: DaemonControlContext, json: Bool, to writer: inout DescriptorWriter
  ) async throws {
    let counters = await context.server.packetCache.counters()
    let responses = await context.server.packetCache.snapshot()
    if json {
      var line = JSONLine()
      line.add("kind", "packet-cache")
      line.add("responses", responses.count)
      line.add("hits", counters.hits)
      line.add("misses", counters.misses)
      try writer.write(Array((line.text + "\n").utf8))
    } else {
      try writer.write(
        Array("; packet: \(responses.count) responses, \(counters.hits) hits, \(counters.misses) misses\n".utf8))
    }
    for entry in responses {
      try Task.checkCancellation()
      guard let message = try? Message(decoding: entry.response), let question = message.questions.first else {
        continue
      }
      let records = (message.answers + message.authorities).map(\.presentation)
      if json {
        var line = JSONLine()
        line.add("kind", "packet")
        line.add("question", "\(question.name) \(question.type)")
        line.add("rcode", message.rcode.description)
        line.add("expires-in", entry.expiresIn)
        line.add("records", records)
        try writer.write(record: line.text + "\n")
      } else {
        var text = "; packet \(question.name) \(question.type) rcode=\(message.rcode) expires-in=\(entry.expiresIn)s\n"
        for record in records { text += ";   \(record)\n" }
        try writer.write(record: text)
      }
    }
  }
}

/// `dump-throttled FILE|-`: the nameservers being avoided now, with the reason and until when.
enum ThrottledDumpCommand {
  static func run(
    _ context: DaemonControlContext, descriptor: FileDescriptor, progress: ControlProgressReporter
  ) throws -> ControlResponse {
    var writer = try DescriptorWriter(descriptor, progress: progress)
    let now = WallClock().now()
    for entry in CacheDumpLines.sorted(context.caches.nameservers.throttled()) {
      let until = entry.throttledUntil ?? now
      try writer.write(
        record:
          "\(entry.server) throttled-until=\(until) (\(max(0, until - now))s left) timeouts=\(entry.timeouts) "
          + "reason=\(CacheDumpLines.quoted(entry.throttleReason ?? ""))\n")
    }
    try writer.finish()
    return .ok("dumped throttled nameservers", fields: writer.progressFields)
  }
}
