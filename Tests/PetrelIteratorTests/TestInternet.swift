import Logging
import PetrelDNS
import PetrelResolver
import PetrelTestSupport
import Synchronization

/// A small DNS tree on a scripted network, and resolvers pointed at it.
///
/// One root server (a.root-servers.net, 198.41.0.4) delegates com., net. and org. to a.nic.com., a.nic.net.
/// and a.nic.org., in-domain names with glue that are all one server (192.5.6.30) holding the three zones;
/// each test adds the zones and delegations it needs below them.
struct TestInternet {
  static let rootAddress = "198.41.0.4"
  static let tldAddress = "192.5.6.30"
  static let hints = try! RootHints(
    text: """
      .                   3600000 NS a.root-servers.net.
      a.root-servers.net. 3600000 A  198.41.0.4
      """)

  let network = ScriptedNetwork()
  let clock = ManualClock()
  let ids = SequentialQueryIDs()

  /// - Parameters:
  ///   - com, net, org: records added to those zones (delegations and glue below them).
  init(com: String = "", net: String = "", org: String = "") {
    network.server(Self.rootAddress) { Self.rootZoneForTests }
    network.server(Self.tldAddress) {
      Self.zone("com.", "@ NS a.nic.com.\na.nic.com. A 192.5.6.30\n" + com)
      Self.zone("net.", "@ NS a.nic.net.\na.nic.net. A 192.5.6.30\n" + net)
      Self.zone("org.", "@ NS a.nic.org.\na.nic.org. A 192.5.6.30\n" + org)
    }
  }

  /// The root zone of the test tree.
  static let rootZoneForTests = ScriptedZone(
    ".",
    """
    .                   86400  SOA a.root-servers.net. nstld.verisign-grs.com. 1 1800 900 604800 86400
    .                   518400 NS  a.root-servers.net.
    a.root-servers.net. 518400 A   198.41.0.4
    com.                172800 NS  a.nic.com.
    net.                172800 NS  a.nic.net.
    org.                172800 NS  a.nic.org.
    a.nic.com.          172800 A   192.5.6.30
    a.nic.net.          172800 A   192.5.6.30
    a.nic.org.          172800 A   192.5.6.30
    """)

  /// A zone with a SOA (negative TTL `negativeTTL`) and the given records, relative names completed with the apex.
  static func zone(_ apex: String, negativeTTL: UInt32 = 300, _ body: String) -> ScriptedZone {
    ScriptedZone(apex, "@ 3600 SOA ns.\(apex) hostmaster.\(apex) 1 7200 3600 1209600 \(negativeTTL)\n" + body)
  }

  /// A resolver on this network: the test hints, the manual clock, sequential IDs, and a nameserver cache that
  /// never explores (so the order servers are tried in is the cache's plain order).
  func resolver(
    _ configure: (inout ResolverConfiguration) -> Void = { _ in }
  ) -> Resolver {
    var configuration = ResolverConfiguration()
    configuration.rootHints = Self.hints
    configure(&configuration)
    let configured = ResolverCaches(configuration: configuration, clock: clock)
    let caches = ResolverCaches(
      records: configured.records, negative: configured.negative,
      nameservers: NameserverCache(capacity: configuration.nameserverCacheSize, clock: clock, random: { 0.999 }))
    return Resolver(
      configuration: configuration, transport: network, clock: clock, caches: caches, logger: Logger(label: "test"),
      random: ids)
  }

  /// The queries sent so far, one line each (see `SentQuery.description`).
  var lines: [String] { network.lines }

  /// The tree with example.com. delegated from com. to ns1.example.com. (192.0.2.1, glue in the referral),
  /// holding `www` (192.0.2.80) and whatever `records` add.
  static func withExample(_ records: String = "", com: String = "", net: String = "", org: String = "")
    -> TestInternet
  {
    let internet = TestInternet(
      com: """
        example.com.     172800 NS ns1.example.com.
        ns1.example.com. 172800 A  192.0.2.1
        """ + "\n" + com, net: net, org: org)
    internet.network.server("192.0.2.1") {
      zone(
        "example.com.",
        """
        @   NS ns1
        ns1 A  192.0.2.1
        www 300 A 192.0.2.80
        """ + "\n" + records)
    }
    return internet
  }
}

/// A flag that is true exactly once, to script "the first query that reaches any of these servers".
final class Once: Sendable {
  private let used = Mutex(false)

  func take() -> Bool {
    used.withLock { used in
      defer { used = true }
      return !used
    }
  }
}

func name(_ text: String) -> DomainName { try! DomainName(text) }

func question(_ text: String, _ type: RRType = .a) -> Question { Question(name: name(text), type: type) }

extension ResolutionResult {
  /// The answer records in presentation form.
  var answerLines: [String] { answers.map(line) }
  var authorityLines: [String] { authorities.map(line) }

  private func line(_ record: ResourceRecord) -> String {
    "\(record.name) \(record.ttl) \(record.type) \(record.rdata.presentation)"
  }
}
