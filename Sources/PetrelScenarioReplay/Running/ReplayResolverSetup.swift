public import PetrelDNS
public import PetrelResolver

/// Turns a scenario's configuration into the resolver's, the way Deckard turns it into Unbound's.
///
/// The only root hint is `stub-addr` (named `stub-name`, else `K.ROOT-SERVERS.NET.`); QNAME minimisation is
/// the run's mode; `harden-glue` and `do-ip6` apply, on by default as in Unbound; the networks never queried
/// are only the loopback ones, and only while `do-not-query-localhost` is on (Deckard's default), because
/// scenarios give their servers arbitrary, often private, addresses; `features` `min_ttl` and `max_ttl` bound
/// cache TTLs; `forward-addr` forwards the root zone. Everything else keeps petreld's defaults.
public enum ReplayResolverSetup {
  /// The root server's name when the scenario does not give one.
  public static let defaultStubName = try! DomainName("K.ROOT-SERVERS.NET.")
  /// The time the clock starts at when the scenario does not fix one: 2023-11-14T22:13:20Z.
  public static let defaultStartTime: Int64 = 1_700_000_000

  public static func configuration(for scenario: Scenario, mode: MinimisationMode) -> ResolverConfiguration {
    let settings = scenario.configuration
    var configuration = ResolverConfiguration()
    if let address = settings.stubAddress, let hints = rootHints(address: address, name: settings.stubName) {
      configuration.rootHints = hints
    }
    if !settings.forwardAddresses.isEmpty {
      configuration.forwardZones[.root] = settings.forwardAddresses.map { UpstreamServer(address: $0) }
    }
    configuration.qnameMinimisation = mode == .on
    configuration.hardenGlue = settings.hardenGlue ?? true
    configuration.queryIPv6 = settings.queryIPv6 ?? true
    configuration.dontQuery =
      (settings.doNotQueryLocalhost ?? true) ? ["127.0.0.0/8", "::1/128"].compactMap { IPNetwork($0) } : []
    if let minimum = settings.features["min_ttl"].flatMap({ UInt32($0) }) { configuration.minimumTTL = minimum }
    if let maximum = settings.features["max_ttl"].flatMap({ UInt32($0) }) { configuration.maximumTTL = maximum }
    return configuration
  }

  /// `. NS name` and `name A|AAAA address`.
  static func rootHints(address: IPAddress, name: DomainName?) -> RootHints? {
    let server = name ?? defaultStubName
    let type = address.isIPv6 ? "AAAA" : "A"
    return try? RootHints(text: ". 3600000 NS \(server)\n\(server) 3600000 \(type) \(address)\n")
  }

  /// Where the scenario's clock starts: its `val-override-date`, else `defaultStartTime`.
  public static func startTime(for scenario: Scenario) -> Int64 {
    scenario.configuration.overrideTime ?? defaultStartTime
  }
}
