import PetrelDNS
import PetrelResolver

/// The `resolver` group: where iteration starts, whom it may ask, what it caches and the budgets of one query.
enum ResolverSection {
  static func read(_ value: ConfigurationValue, into configuration: inout ServerConfiguration)
    throws(ConfigurationError)
  {
    let group = try value.mapping(ConfigurationSchema.resolver)
    try readSources(group, into: &configuration)
    try readCaching(group, into: &configuration)
    try readLimits(group, into: &configuration.resolver)
  }

  /// Root hints, forwarding, the dont-query list and how queries are sent.
  private static func readSources(
    _ group: ConfigurationMapping, into configuration: inout ServerConfiguration
  ) throws(ConfigurationError) {
    if let file = group["root-hints"] {
      if group["root-hint"] != nil {
        throw file.error("give either 'root-hints' (a file) or 'root-hint' (one server inline), not both")
      }
      let (path, hints) = try RootHintsSetting.file(file)
      configuration.rootHintsFile = path
      configuration.resolver.rootHints = hints
    }
    if let inline = group["root-hint"] { configuration.resolver.rootHints = try RootHintsSetting.inline(inline) }
    if let dontQuery = group["dont-query"] { configuration.resolver.dontQuery = try NetworkList.read(dontQuery) }
    if let forward = group["forward-zones"] {
      configuration.resolver.forwardZones = try ForwardZonesSetting.read(forward)
    }
    if let value = group["qname-minimisation"] { configuration.resolver.qnameMinimisation = try value.boolean() }
    if let value = group["harden-glue"] { configuration.resolver.hardenGlue = try value.boolean() }
    if let value = group["trust-anchors"] {
      configuration.resolver.trustAnchors += try TrustAnchorSetting.inline(value)
    }
    if let value = group["trust-anchor-file"] {
      configuration.resolver.trustAnchors += try TrustAnchorSetting.file(value)
    }
    if let value = group["negative-trust-anchors"] {
      configuration.resolver.negativeTrustAnchors = try TrustAnchorSetting.negative(value)
    }
    if let value = group["do-ipv6"] { configuration.resolver.queryIPv6 = try value.boolean() }
    if let value = group["edns-buffer-size"] {
      configuration.resolver.ednsBufferSize = UInt16(try value.integer(512...4_096, unit: "octets"))
    }
    if let value = group["upstream-timeout"] {
      configuration.resolver.upstreamTimeout = .milliseconds(try value.integer(10...60_000, unit: "milliseconds"))
    }
  }

  /// TTL bounds and cache sizes.
  private static func readCaching(
    _ group: ConfigurationMapping, into configuration: inout ServerConfiguration
  ) throws(ConfigurationError) {
    if let value = group["min-ttl"] { configuration.resolver.minimumTTL = try value.seconds(0...TTLText.maximum) }
    if let value = group["max-ttl"] { configuration.resolver.maximumTTL = try value.seconds(1...TTLText.maximum) }
    if let value = group["max-negative-ttl"] {
      configuration.resolver.maximumNegativeTTL = try value.seconds(1...TTLText.maximum)
    }
    if configuration.resolver.minimumTTL > configuration.resolver.maximumTTL {
      let culprit = group["min-ttl"] ?? group["max-ttl"]!
      throw culprit.error(
        "min-ttl (\(configuration.resolver.minimumTTL)) exceeds max-ttl (\(configuration.resolver.maximumTTL))")
    }
    let entries = 1...1_000_000_000
    if let value = group["record-cache-size"] {
      configuration.resolver.recordCacheSize = try value.integer(entries, unit: "entries")
    }
    if let value = group["negative-cache-size"] {
      configuration.resolver.negativeCacheSize = try value.integer(entries, unit: "entries")
    }
    if let value = group["nameserver-cache-size"] {
      configuration.resolver.nameserverCacheSize = try value.integer(entries, unit: "entries")
    }
    if let value = group["packet-cache-size"] {
      configuration.packetCacheSize = try value.integer(0...1_000_000_000, unit: "entries (0 turns it off)")
    }
  }

  /// The budgets of one client query.
  private static func readLimits(
    _ group: ConfigurationMapping, into resolver: inout ResolverConfiguration
  ) throws(ConfigurationError) {
    if let value = group["max-upstream-queries"] { resolver.budgets.upstreamQueries = try value.integer(1...1_000) }
    if let value = group["max-nameserver-names"] {
      resolver.budgets.nameserverNamesPerDelegation = try value.integer(1...100)
    }
    if let value = group["max-recursion-depth"] { resolver.budgets.recursionDepth = try value.integer(1...50) }
    if let value = group["max-chain-length"] { resolver.budgets.chainLength = try value.integer(1...100) }
    if let value = group["max-referrals"] { resolver.budgets.referrals = try value.integer(1...200) }
    if let value = group["max-resolution-time"] {
      resolver.budgets.totalTime = .seconds(try value.seconds(1...300))
    }
  }
}
