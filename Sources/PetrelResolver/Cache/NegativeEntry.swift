public import PetrelDNS

/// Which kind of denial an upstream server gave (RFC 2308 §1).
public enum NegativeKind: Sendable, Equatable {
  /// The name does not exist: no type at all exists there.
  case nxDomain
  /// The name exists but has no data of the asked type.
  case noData
}

/// A cached denial, as the negative cache hands it out and a dump or takeover carries it.
///
/// It exists because a resolver must answer a repeated question for a missing name or type from the cache, with
/// the SOA that proves the denial (RFC 2308 §5), rather than asking again.
public struct NegativeEntry: Sendable, Equatable {
  public var name: DomainName
  /// The denied type; nil for NXDOMAIN, which denies every type.
  public var type: RRType?
  public var kind: NegativeKind
  /// The SOA of the zone that denied; its `ttl` is the number of seconds the denial has left.
  public var soa: ResourceRecord
  /// When the denial expires, in the resolver clock's seconds: it is usable while `now < expiresAt`.
  public var expiresAt: Int64
  public var source: UpstreamServer?

  public init(
    name: DomainName, type: RRType?, kind: NegativeKind, soa: ResourceRecord, expiresAt: Int64,
    source: UpstreamServer?
  ) {
    self.name = name
    self.type = type
    self.kind = kind
    self.soa = soa
    self.expiresAt = expiresAt
    self.source = source
  }
}

/// Name and denied type (nil: every type, NXDOMAIN): what the negative cache files a denial under.
/// The name's hash is computed once; it also picks the shard, so every denial for a name shares one.
struct NegativeCacheKey: Hashable, Sendable {
  var name: DomainName
  var type: RRType?
  let nameHash: UInt32

  init(name: DomainName, type: RRType?) {
    self.name = name
    self.type = type
    nameHash = NameHash.of(name)
  }

  init(sameNameAs other: NegativeCacheKey, type: RRType?) {
    name = other.name
    self.type = type
    nameHash = other.nameHash
  }

  static func == (left: NegativeCacheKey, right: NegativeCacheKey) -> Bool {
    left.nameHash == right.nameHash && left.type == right.type && NameHash.equal(left.name, right.name)
  }

  func hash(into hasher: inout Hasher) {
    hasher.combine(nameHash)
    hasher.combine(type?.rawValue ?? 0)
  }

  var kind: NegativeKind { type == nil ? .nxDomain : .noData }
}

/// A denial as the negative cache stores it; the name and type live in the key.
struct StoredDenial: ExpiringCacheValue {
  var soa: ResourceRecord
  var expiresAt: Int64
  var source: UpstreamServer?

  func entry(_ key: NegativeCacheKey, now: Int64) -> NegativeEntry {
    var soa = soa
    soa.ttl = remainingTTL(at: now)
    return NegativeEntry(
      name: key.name, type: key.type, kind: key.kind, soa: soa, expiresAt: expiresAt, source: source)
  }
}
