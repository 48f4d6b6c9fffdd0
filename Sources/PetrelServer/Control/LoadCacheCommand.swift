import PetrelControl
import PetrelDNS
import PetrelResolver
import SystemPackage

/// `load-cache FILE|-`: reads a text dump made by `dump-cache` and puts each entry back with its remaining TTL,
/// credibility and source — the round trip Unbound offers with `dump_cache` and `load_cache`.
///
/// Consecutive record lines of one owner and type make one RRset again. A line that cannot be read is reported
/// with its number and skipped; the good lines are loaded all the same. Entries the cache declines (its
/// credibility rule keeps better live data, a TTL of 0) are counted, not reported as errors.
enum LoadCacheCommand {
  /// Lines longer than this are reported and skipped, so that endless input cannot grow the daemon.
  static let maximumLineLength = 65_536
  /// Bad lines listed in the message; the rest are only counted.
  static let listedErrors = 20

  private struct Tally {
    var loaded = 0
    var declined = 0
    var errors: [String] = []
    var errorCount = 0
    var lines = 0
  }

  /// The RRset being gathered from consecutive lines.
  private struct PendingSet {
    var records: [ResourceRecord]
    var originalTTL: UInt32
    var source: UpstreamServer?
    var credibility: Credibility

    func accepts(_ record: ResourceRecord, _ originalTTL: UInt32, _ source: UpstreamServer?, _ credibility: Credibility)
      -> Bool
    {
      let first = records[0]
      return record.name == first.name && record.type == first.type && record.ttl == first.ttl
        && originalTTL == self.originalTTL && source == self.source && credibility == self.credibility
    }
  }

  static func run(
    _ context: DaemonControlContext, descriptor: FileDescriptor, progress: ControlProgressReporter
  ) throws -> ControlResponse {
    var reader = try DescriptorReader(descriptor, progress: progress)
    var tally = Tally()
    var pending: PendingSet? = nil
    var partial: [UInt8] = []
    var overlong = false
    let caches = context.caches

    func store(_ set: PendingSet?) {
      guard let set else { return }
      let first = set.records[0]
      let entry = CachedRRSet(
        rrset: RRSet(name: first.name, type: first.type, ttl: first.ttl, rdatas: set.records.map(\.rdata)),
        credibility: set.credibility, originalTTL: set.originalTTL, source: set.source, expiresAt: 0)
      if caches.records.load(entry) { tally.loaded += 1 } else { tally.declined += 1 }
    }

    func fail(_ reason: String) {
      tally.errorCount += 1
      if tally.errors.count < listedErrors { tally.errors.append("line \(tally.lines): \(reason)") }
    }

    func handle(_ bytes: ArraySlice<UInt8>) {
      tally.lines += 1
      let item: CacheDumpReader.Item?
      do {
        item = try CacheDumpReader.parse(String(decoding: bytes, as: UTF8.self))
      } catch {
        fail(error.reason)
        return
      }
      switch item {
      case nil: return
      case .record(let record, let originalTTL, let source, let credibility):
        if let current = pending, current.accepts(record, originalTTL, source, credibility) {
          pending?.records.append(record)
        } else {
          store(pending)
          pending = PendingSet(records: [record], originalTTL: originalTTL, source: source, credibility: credibility)
        }
      case .negative(let entry):
        store(pending)
        pending = nil
        if caches.negative.load(entry) { tally.loaded += 1 } else { tally.declined += 1 }
      }
    }

    while true {
      let chunk = try reader.read()
      if chunk.isEmpty { break }
      var start = chunk.startIndex
      while let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
        if overlong {
          overlong = false
          tally.lines += 1
          fail("longer than \(maximumLineLength) bytes")
        } else if partial.isEmpty {
          handle(chunk[start..<newline])
        } else {
          partial += chunk[start..<newline]
          handle(partial[...])
          partial.removeAll(keepingCapacity: true)
        }
        start = chunk.index(after: newline)
      }
      if !overlong { partial += chunk[start...] }
      if partial.count > maximumLineLength {
        overlong = true
        partial.removeAll()
      }
      try Task.checkCancellation()
    }
    if overlong {
      tally.lines += 1
      fail("longer than \(maximumLineLength) bytes")
    } else if !partial.isEmpty {
      handle(partial[...])
    }
    store(pending)

    let fields: [String: ControlValue] = [
      "loaded": .count(tally.loaded), "declined": .count(tally.declined), "bad-lines": .count(tally.errorCount),
      "bytes": .count(reader.bytesRead),
    ]
    var message = "loaded \(tally.loaded) entries from \(tally.lines) lines"
    if tally.declined > 0 { message += "; \(tally.declined) declined by the cache (better data held, or expired)" }
    guard tally.errorCount == 0 else {
      message += "; \(tally.errorCount) lines could not be loaded:\n" + tally.errors.joined(separator: "\n")
      if tally.errorCount > tally.errors.count { message += "\n(and \(tally.errorCount - tally.errors.count) more)" }
      return .error(message, fields: fields)
    }
    return .ok(message, fields: fields)
  }
}
