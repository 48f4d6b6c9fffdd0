public import PetrelDNS

/// Everything that shapes how the resolver iterates and caches; built by the server from its configuration file
/// and by tests and scenario replays directly.
public struct ResolverConfiguration: Sendable {
  /// Where iteration starts. Priming (asking the hints for the root NS set) happens lazily, at the first query.
  public var rootHints: RootHints = .iana
  /// RFC 9156 QNAME minimisation, with the relaxed fallback for servers that answer it wrongly.
  public var qnameMinimisation = true
  /// Accept glue only for names inside the zone of the server that sent it (in bailiwick), as Unbound's
  /// `harden-glue`; when off, out-of-bailiwick addresses in a referral may be used for that referral, but are
  /// never cached.
  public var hardenGlue = true
  /// Send queries to IPv6 nameserver addresses.
  public var queryIPv6 = true
  /// Networks never sent a query (PowerDNS's `dont-query`): loopback and private ranges unless emptied.
  public var dontQuery: [IPNetwork] = IPNetwork.privateAndLoopback
  /// DNSSEC trust anchors (DS or DNSKEY records) and negative trust anchors (names treated as unsigned).
  ///
  /// Accepted and kept so that configurations and test harnesses written for a validating resolver load
  /// unchanged; Petrel does not validate DNSSEC yet, so they change no answer (the daemon says so at start-up).
  public var trustAnchors: [ResourceRecord] = []
  public var negativeTrustAnchors: [DomainName] = []
  /// Zones resolved by asking fixed upstreams with RD set instead of iterating.
  public var forwardZones: [DomainName: [UpstreamServer]] = [:]
  /// TTL bounds applied when records enter the cache.
  public var minimumTTL: UInt32 = 0
  public var maximumTTL: UInt32 = 86_400
  public var maximumNegativeTTL: UInt32 = 3_600
  /// Cache sizes, in entries.
  public var recordCacheSize = 1_000_000
  public var negativeCacheSize = 250_000
  public var nameserverCacheSize = 100_000
  /// EDNS(0) UDP payload size advertised upstream (DNS flag day 2020).
  public var ednsBufferSize: UInt16 = 1232
  /// How long to wait for one upstream response before trying elsewhere.
  public var upstreamTimeout: Duration = .milliseconds(1500)
  public var budgets = ResolutionBudgets()

  public init() {}
}

/// Limits on the work one client query may cause: against amplification, loops and slow servers.
public struct ResolutionBudgets: Sendable, Equatable {
  /// Upstream queries sent for one client query, nameserver-name resolutions included.
  public var upstreamQueries = 60
  /// Nameserver names without glue resolved for one delegation.
  public var nameserverNamesPerDelegation = 5
  /// Nesting of resolutions started to find nameserver addresses.
  public var recursionDepth = 6
  /// CNAME and DNAME links followed.
  public var chainLength = 12
  /// Referrals followed.
  public var referrals = 30
  /// Wall time for the whole resolution.
  public var totalTime: Duration = .seconds(10)

  public init() {}
}
