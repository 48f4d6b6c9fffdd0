import Foundation
import PetrelDNS

/// A recursive resolver running against the lab: the real `petreld`, or Unbound as the reference that the
/// tests' expectations were checked against.
protocol ResolverUnderTest: Sendable {
  var name: String { get }
  /// Where it answers, port 53.
  var address: String { get }
  /// Whether it attaches an Extended DNS Error (RFC 8914) when every server of a zone refused: petreld
  /// must; Unbound 1.17 (Debian 12) sends none in that case.
  var reportsExtendedErrorWhenAllRefuse: Bool { get }
  /// Stops it with SIGTERM and says how it ended.
  func stop() -> ChildProcess.Termination
  var output: String { get }
}

/// Which resolver the lab tests run against: `PETREL_ITEST_RESOLVER=petreld|unbound`, petreld by default.
enum ResolverKind: String, Sendable {
  case petreld
  case unbound

  /// The address the resolver under test listens on.
  static let address = "127.53.100.1"

  static var selected: ResolverKind {
    ProcessInfo.processInfo.environment["PETREL_ITEST_RESOLVER"].flatMap(ResolverKind.init(rawValue:)) ?? .petreld
  }

  /// Nil when the selected resolver can run here, else why not (the lab tests are skipped with it).
  static var unavailability: String? {
    if !TestEnvironment.isRoot { return "needs root: the lab serves on port 53" }
    switch selected {
    case .petreld:
      guard FileManager.default.isExecutableFile(atPath: PetreldProcess.executable) else {
        return "no petreld at \(PetreldProcess.executable): run swift build (or set PETREL_ITEST_RESOLVER=unbound)"
      }
    case .unbound:
      guard UnboundProcess.executable != nil else { return "unbound is not installed (apt-get install unbound)" }
    }
    return nil
  }

  static var isAvailable: Bool { unavailability == nil }

  func start(in lab: LabHierarchy) throws -> any ResolverUnderTest {
    switch self {
    case .petreld: try PetreldProcess.start(in: lab, address: Self.address)
    case .unbound: try UnboundProcess.start(in: lab, address: Self.address)
    }
  }
}

/// Polls `address` with `. SOA` until any DNS response comes back, at most `attempts` times.
func waitUntilAnswering(_ address: String, attempts: Int = 50) -> Bool {
  let client = DNSClient(address: address, timeoutMilliseconds: 200, udpAttempts: 1)
  for _ in 0..<attempts {
    if (try? client.query(".", .soa, recursionDesired: false)) != nil { return true }
    usleep(100_000)
  }
  return false
}
