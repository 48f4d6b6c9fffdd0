public import PetrelDNS
public import PetrelResolver

/// The daemon's whole configuration: what the YAML file and the command line say, validated and typed.
///
/// One value, built once at start-up (and again on `reload`), so that every part of the daemon reads the same
/// settings and a bad file can be refused as a whole without disturbing the running configuration.
public struct ServerConfiguration: Sendable {
  /// Addresses to answer on, UDP and TCP each (`127.0.0.1:53`, `[::1]:53`).
  public var listen: [ListenAddress] = [
    ListenAddress(host: "127.0.0.1", port: 53), ListenAddress(host: "::1", port: 53),
  ]
  /// Clients allowed to query; everyone else gets REFUSED.
  public var allowFrom: [IPNetwork] = IPNetwork.privateAndLoopback
  /// Event loops (and SO_REUSEPORT UDP sockets per address); nil means one per core.
  public var threads: Int? = nil
  /// Zones answered authoritatively from memory, from zone files read at start-up.
  public var localZones: [LocalZoneSource] = []
  /// Root hints file (named.root format); nil means the built-in IANA hints.
  public var rootHintsFile: String? = nil
  /// Everything the resolver itself is configured with.
  public var resolver = ResolverConfiguration()
  /// Packet cache size in entries (whole responses); 0 turns it off.
  public var packetCacheSize = 500_000
  /// How long an idle client TCP connection is kept.
  public var tcpIdleTimeout: Duration = .seconds(10)
  /// Client TCP connections served at once.
  public var maximumTCPClients = 1_000
  /// Client queries resolving at once, across all clients; beyond it new ones get SERVFAIL.
  public var maximumConcurrentResolutions = 10_000
  /// Log level name: trace, debug, info, notice, warning, error, critical.
  public var logLevel = "info"
  /// Control socket (the control issue builds on this).
  public var runtimeDirectory = "/run/petrel"
  public var controlGroup: String? = nil
  /// Start by taking over from a petreld answering on the control socket, when one does (docs/takeover.md).
  public var takeover = false
  /// The account the daemon switches to after binding its sockets, when started as root; nil keeps the
  /// credentials it was started with.
  public var user: String? = nil
  /// The group it switches to; nil means the user's primary group.
  public var group: String? = nil
  /// A directory to chroot into before dropping privileges; nil means none.
  public var chroot: String? = nil
  /// The kernel sandboxes the daemon must apply (`landlock`, `seccomp`); it refuses to serve when one of
  /// them cannot be applied. Empty means none is demanded.
  public var sandbox: Set<String> = ["landlock", "seccomp"]

  public init() {}
}

/// One `address:port` the daemon listens on.
public struct ListenAddress: Sendable, Hashable, CustomStringConvertible {
  /// Numeric IPv4 or IPv6 address, without brackets.
  public var host: String
  public var port: Int

  public init(host: String, port: Int) {
    self.host = host
    self.port = port
  }

  /// Parses `127.0.0.1:53`, `[::1]:5353`, `::1` (port 53), `127.0.0.1` (port 53).
  public init?(_ text: String) {
    var host = Substring(text)
    var port = 53
    if host.hasPrefix("[") {
      guard let close = host.firstIndex(of: "]") else { return nil }
      let rest = host[host.index(after: close)...]
      host = host[host.index(after: host.startIndex)..<close]
      if !rest.isEmpty {
        guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()), (1...65_535).contains(value) else { return nil }
        port = value
      }
    } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
      guard let value = Int(host[host.index(after: colon)...]), (1...65_535).contains(value) else { return nil }
      port = value
      host = host[..<colon]
    }
    guard IPAddress(host) != nil else { return nil }
    self.host = String(host)
    self.port = port
  }

  public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// A zone served from memory: its apex and the zone file it was read from, already parsed at start-up.
public struct LocalZoneSource: Sendable {
  public var apex: DomainName
  public var file: String
  public var records: [ResourceRecord]

  public init(apex: DomainName, file: String, records: [ResourceRecord]) {
    self.apex = apex
    self.file = file
    self.records = records
  }
}
