import Foundation
import Glibc

/// One `petrel-test-authority` serving the whole lab on `address`:53 as its root zone, and logging every
/// query it gets: the upstream of the daemons under test, and the witness that a cached name was answered
/// without asking it.
final class LabAuthority: Sendable {
  static let rootName = "ns.root.takeover."

  let address: String
  let directory: TemporaryDirectory
  private let process: ChildProcess

  /// The root zone: the server's own name, a few names to cache, and a denial to cache.
  static let zone = """
    $TTL 86400
    .                   SOA  ns.root.takeover. hostmaster.takeover. 1 3600 900 604800 3600
    .                   NS   ns.root.takeover.
    ns.root.takeover.   A    127.0.0.1
    cached.takeover.    A    192.0.2.10
    other.takeover.     A    192.0.2.11
    takeover.           A    192.0.2.12

    """

  init(address: String, directory: TemporaryDirectory) throws {
    self.address = address
    self.directory = directory
    let zonePath = directory.file("root.zone")
    try Self.zone.replacingOccurrences(of: "127.0.0.1", with: address).write(
      toFile: zonePath, atomically: true, encoding: .utf8)
    process = try ChildProcess(
      [Products.testAuthority, "--zone", ".=\(zonePath)", "--listen", address, "--log", directory.file("root.log")],
      outputPath: directory.file("authority.out"))
    let probe = DNSProbe(host: address, port: 53, timeoutMilliseconds: 200, attempts: 1)
    guard waitUntil({ (try? probe.ask("takeover.")) != nil }) else {
      throw HarnessError("the lab authority did not start:\n\(process.output)")
    }
  }

  /// The queries received so far, one `NAME TYPE TRANSPORT` line each.
  var queries: [String] {
    ((try? String(contentsOfFile: directory.file("root.log"), encoding: .utf8)) ?? "").split(separator: "\n")
      .map(String.init)
  }

  /// How many queries for `name` it received.
  func queries(for name: String) -> Int { queries.filter { $0.hasPrefix(name + " ") }.count }

  /// `--root-hint` for a daemon using this authority.
  var rootHint: String { "\(Self.rootName)=\(address)" }

  func stop() { process.stop() }
}

/// Polls `condition` every 50 ms, at most `bound`: for harness start-up, not for assertions.
func waitUntil(bound: Duration = .seconds(30), _ condition: () -> Bool) -> Bool {
  let limit = ContinuousClock.now + bound
  while ContinuousClock.now < limit {
    if condition() { return true }
    usleep(50_000)
  }
  return condition()
}
