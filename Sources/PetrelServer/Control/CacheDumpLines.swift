import PetrelDNS
import PetrelResolver

/// How each kind of cache entry is written by `dump-cache`, in text and as JSON lines, and the order entries
/// are written in.
///
/// Text is zone-file text exactly as `dig` prints records (the TTL is the time left), each line followed by a
/// comment that `load-cache` reads back:
///
///     www.example.com.	3542	IN	A	192.0.2.1 ; original-ttl=3600 source=192.0.2.53:53 credibility=authoritative-answer
///     example.com.	840	IN	SOA	ns.example.com. … ; negative=NXDOMAIN name=nx.example.com. source=192.0.2.53:53
///     ; nameserver 192.0.2.53:53 srtt-ms=12 rttvar-ms=6 timeouts=0 edns=supported last-used=1700000000 …
enum CacheDumpLines {
  /// The separator before the comment that carries what the cache knows beyond the record.
  static let commentMarker = " ; "

  // MARK: Records

  /// One line per record of the set, each with the set's comment.
  static func text(_ entry: CachedRRSet) -> String {
    let comment =
      "\(commentMarker)original-ttl=\(entry.originalTTL) source=\(source(entry.source)) credibility=\(entry.credibility)\n"
    var out = ""
    for record in entry.rrset.records { out += record.presentation + comment }
    return out
  }

  static func json(_ entry: CachedRRSet) -> String {
    var line = JSONLine()
    line.add("kind", "record")
    line.add("name", entry.rrset.name.description)
    line.add("type", entry.rrset.type.description)
    line.add("class", entry.rrset.rrClass.description)
    line.add("ttl", entry.rrset.ttl)
    line.add("original-ttl", entry.originalTTL)
    line.add("credibility", entry.credibility.description)
    line.add("source", source(entry.source))
    line.add("rdata", entry.rrset.rdatas.map(\.presentation))
    return line.text + "\n"
  }

  // MARK: Negative answers

  static func text(_ entry: NegativeEntry) -> String {
    var comment = "\(commentMarker)negative=\(entry.kind == .nxDomain ? "NXDOMAIN" : "NODATA") name=\(entry.name)"
    if let type = entry.type { comment += " type=\(type)" }
    return entry.soa.presentation + comment + " source=\(source(entry.source))\n"
  }

  static func json(_ entry: NegativeEntry) -> String {
    var line = JSONLine()
    line.add("kind", entry.kind == .nxDomain ? "nxdomain" : "nodata")
    line.add("name", entry.name.description)
    if let type = entry.type { line.add("type", type.description) } else { line.addNull("type") }
    line.add("ttl", entry.soa.ttl)
    line.add("source", source(entry.source))
    line.add("soa", entry.soa.presentation)
    return line.text + "\n"
  }

  // MARK: Nameservers

  static func text(_ entry: NameserverStatistics) -> String {
    var out =
      "; nameserver \(entry.server) srtt-ms=\(milliseconds(entry.smoothedRTT)) rttvar-ms=\(milliseconds(entry.rttVariance)) "
      + "timeouts=\(entry.timeouts) edns=\(entry.ednsSupport.rawValue) last-used=\(entry.lastUsed)"
    if let until = entry.throttledUntil {
      out += " throttled-until=\(until) reason=\(quoted(entry.throttleReason ?? ""))"
    }
    return out + "\n"
  }

  static func json(_ entry: NameserverStatistics) -> String {
    var line = JSONLine()
    line.add("kind", "nameserver")
    line.add("server", entry.server.description)
    line.add("srtt-ms", milliseconds(entry.smoothedRTT))
    line.add("rttvar-ms", milliseconds(entry.rttVariance))
    line.add("timeouts", entry.timeouts)
    line.add("edns", entry.ednsSupport.rawValue)
    line.add("last-used", entry.lastUsed)
    if let until = entry.throttledUntil {
      line.add("throttled-until", until)
      line.add("reason", entry.throttleReason ?? "")
    }
    return line.text + "\n"
  }

  // MARK: Order

  /// Canonical name order (RFC 4034 §6.1), then type.
  static func sorted(_ entries: [CachedRRSet]) -> [CachedRRSet] {
    CanonicalSortKey.sorted(entries, name: \.rrset.name) { Int($0.rrset.type.rawValue) }
  }

  /// Canonical name order; an NXDOMAIN before the NODATA entries of its name, those by type.
  static func sorted(_ entries: [NegativeEntry]) -> [NegativeEntry] {
    CanonicalSortKey.sorted(entries, name: \.name) { $0.type.map { Int($0.rawValue) } ?? -1 }
  }

  /// By address, then port.
  static func sorted(_ entries: [NameserverStatistics]) -> [NameserverStatistics] {
    entries.sorted { left, right in
      let (a, b) = (left.server, right.server)
      return a.address != b.address ? a.address < b.address : a.port < b.port
    }
  }

  // MARK: Pieces

  static func source(_ server: UpstreamServer?) -> String { server?.description ?? "none" }

  static func milliseconds(_ duration: Duration) -> Int64 {
    duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
  }

  /// A reason as one token: quoted, with quotes and backslashes escaped.
  static func quoted(_ text: String) -> String {
    "\"" + text.flatMap { $0 == "\"" || $0 == "\\" ? ["\\", $0] : [$0] } + "\""
  }
}
