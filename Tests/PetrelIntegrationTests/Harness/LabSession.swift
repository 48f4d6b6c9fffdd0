import PetrelDNS
import Testing

/// A fresh lab and a fresh resolver for one test, torn down afterwards whatever happens.
///
/// Checks on the way out what every test would otherwise have to: the resolver stops with exit 0 on
/// SIGTERM, and no lab server crashed.
struct LabSession: Sendable {
  let lab: LabHierarchy
  let resolver: any ResolverUnderTest
  /// A client for the resolver under test.
  var client: DNSClient { DNSClient(address: resolver.address) }

  /// Runs `body` against a new lab and resolver; both are stopped afterwards, also when `body` throws.
  static func run(_ body: (LabSession) throws -> Void) throws {
    let lab = try LabHierarchy.start()
    let resolver: any ResolverUnderTest
    do {
      resolver = try ResolverKind.selected.start(in: lab)
    } catch {
      _ = lab.stop()
      throw error
    }
    var failure: (any Error)?
    do {
      try body(LabSession(lab: lab, resolver: resolver))
    } catch {
      failure = error
    }
    let termination = resolver.stop()
    let output = resolver.output
    #expect(termination == .exited(0), "\(resolver.name) must exit 0 on SIGTERM; it said:\n\(output)")
    for crashed in lab.stop() {
      Issue.record("lab server \(crashed.name) ended with \(crashed.termination):\n\(crashed.output)")
    }
    if let failure { throw failure }
  }

  /// Asks the resolver, over UDP unless told otherwise.
  func ask(_ name: String, _ type: RRType, over transport: DNSClient.Transport = .udp) throws -> Message {
    try client.query(name, type, over: transport)
  }
}
