public import PetrelDNS

/// The configuration block of a scenario (the lines before `CONFIG_END`), typed.
///
/// Every key Deckard knows is kept, applied or not, so that the harness can decide what a scenario needs (a
/// trust anchor means DNSSEC validation) and the report can say which settings Petrel honours.
public struct ScenarioConfiguration: Sendable {
  /// `stub-addr`: the address of the only root server.
  public var stubAddress: IPAddress?
  /// `stub-name`: the root server's name, when the scenario gives one.
  public var stubName: DomainName?
  /// `query-minimization`: nil when the scenario leaves it to the harness.
  public var queryMinimisation: Bool?
  /// `harden-glue`: nil for the default (on, as in Unbound and Deckard).
  public var hardenGlue: Bool?
  /// `do-ip6`: nil for the default.
  public var queryIPv6: Bool?
  /// `do-not-query-localhost`.
  public var doNotQueryLocalhost: Bool?
  /// `val-override-date` or `val-override-timestamp`, in seconds since the epoch: the time the scenario
  /// assumes (signature validity is judged by it).
  public var overrideTime: Int64?
  /// `trust-anchor` records, as written.
  public var trustAnchors: [String]
  /// `domain-insecure`: negative trust anchors.
  public var insecureDomains: [String]
  /// `forward-addr`: the scenario is about forwarding to these.
  public var forwardAddresses: [IPAddress]
  /// `features` and `feature-list` items (`min_ttl = 300`), by key.
  public var features: [String: String]
  /// Keys Deckard does not know, with their values and lines, kept for reports.
  public var otherSettings: [(key: String, value: String, line: Int)]

  public init() {
    stubAddress = nil
    stubName = nil
    queryMinimisation = nil
    hardenGlue = nil
    queryIPv6 = nil
    doNotQueryLocalhost = nil
    overrideTime = nil
    trustAnchors = []
    insecureDomains = []
    forwardAddresses = []
    features = [:]
    otherSettings = []
  }
}
