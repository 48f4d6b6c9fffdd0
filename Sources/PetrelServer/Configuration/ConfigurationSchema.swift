/// Every key the configuration file knows, by group: what unknown-key errors and their suggestions check against.
///
/// `docs/configuration.md` documents each of these keys; a key added here must be added there.
enum ConfigurationSchema {
  /// A mapping of the document and the keys it may hold.
  struct Group: Sendable {
    /// The group's path in the document (`server`), empty for the top level.
    var path: String
    var keys: [String]
  }

  static let topLevel = Group(path: "", keys: ["server", "resolver", "privileges", "local-zones"])

  static let server = Group(
    path: "server",
    keys: [
      "listen", "allow-from", "threads", "tcp-idle-timeout", "max-tcp-clients", "max-concurrent-resolutions",
      "log-level", "runtime-directory", "control-group", "takeover",
    ])

  static let resolver = Group(
    path: "resolver",
    keys: [
      "root-hints", "root-hint", "dont-query", "forward-zones", "qname-minimisation", "harden-glue", "do-ipv6",
      "trust-anchors", "trust-anchor-file", "negative-trust-anchors",
      "min-ttl", "max-ttl", "max-negative-ttl", "record-cache-size", "negative-cache-size", "nameserver-cache-size",
      "packet-cache-size", "edns-buffer-size", "upstream-timeout", "max-upstream-queries", "max-nameserver-names",
      "max-recursion-depth", "max-chain-length", "max-referrals", "max-resolution-time",
    ])

  static let privileges = Group(path: "privileges", keys: ["user", "group", "chroot", "sandbox"])

  /// One item of `local-zones`.
  static let localZone = Group(path: "local-zones[]", keys: ["zone", "file"])

  /// `resolver.root-hint`.
  static let rootHint = Group(path: "resolver.root-hint", keys: ["name", "address"])

  /// The groups whose keys an operator may put in the wrong place.
  static let sections = [topLevel, server, resolver, privileges]
}
