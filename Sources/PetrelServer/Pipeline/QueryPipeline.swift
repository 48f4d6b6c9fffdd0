public import Logging
public import PetrelDNS
public import PetrelResolver

/// What every event loop's `QueryHandler` shares: where answers come from and the rules they are served by.
///
/// Built once by the daemon (or a test) and handed to each loop; everything in it is immutable or made for
/// concurrent use, so the loops never coordinate except through the resolution limit.
public struct QueryPipeline: Sendable {
  /// Answers what the cache and the local zones cannot.
  public var resolver: any QueryResolving
  /// Zones answered from memory before the resolver is asked.
  public var localZones: (any LocalAnswering)?
  /// Clients allowed to query.
  public var accessList: AccessList
  /// Resolutions running at once, across every loop.
  public var resolutions: AdmissionLimit
  /// How long responses stay in the packet cache.
  public var cachePolicy: PacketCachePolicy
  /// Entries per packet cache (each loop has its own); 0 turns the cache off.
  public var packetCacheSize: Int
  /// The clock the packet cache ages responses by.
  public var clock: any ResolverClock
  /// The largest UDP response sent, whatever the client advertises (Unbound's `max-udp-size`).
  public var udpResponseCeiling: Int
  /// Seeds the packet cache's name hash, so that colliding names cannot be prepared in advance.
  public var hashSeed: UInt64
  public var logger: Logger

  public init(
    resolver: any QueryResolving, localZones: (any LocalAnswering)? = nil, allowFrom: [IPNetwork],
    maximumConcurrentResolutions: Int, cachePolicy: PacketCachePolicy = PacketCachePolicy(),
    packetCacheSize: Int, clock: any ResolverClock = WallClock(), udpResponseCeiling: Int = 1232,
    hashSeed: UInt64 = UInt64.random(in: .min ... .max), logger: Logger = Logger(label: "petrel.query")
  ) {
    self.resolver = resolver
    self.localZones = localZones
    self.accessList = AccessList(allowFrom)
    self.resolutions = AdmissionLimit(maximum: maximumConcurrentResolutions)
    self.cachePolicy = cachePolicy
    self.packetCacheSize = packetCacheSize
    self.clock = clock
    self.udpResponseCeiling = max(512, min(udpResponseCeiling, 65_535))
    self.hashSeed = hashSeed
    self.logger = logger
  }
}
