import Foundation
import Glibc
import PetrelDNS
import Testing

/// The `petrel-test-authority` binary over the network, one misbehaviour switch at a time.
///
/// Runs on 127.54.0.x port 5353, so it needs no root and never meets the lab on port 53; each test has its
/// own address, so they may run in parallel.
@Suite("petrel-test-authority on the wire")
struct TestAuthorityTests {
  static let zone = """
    $ORIGIN wire.test.
    $TTL 600
    @        SOA   ns hostmaster 1 1800 900 604800 60
    @        NS    ns
    ns       A     192.0.2.1
    www      A     192.0.2.2
    a.ent    A     192.0.2.3
    sub      NS    ns.sub
    ns.sub   A     192.0.2.4
    old      DNAME new.wire.test.
    """

  /// Starts the authority on `address`:5353 with the zone and `switches`, runs `body`, stops it (exit 0).
  static func withAuthority(
    _ address: String, _ switches: [String] = [], _ body: (DNSClient, _ log: () -> [LoggedQuery]) throws -> Void
  ) throws {
    let directory = try makeTemporaryDirectory(prefix: "petrel-authority")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try zone.write(toFile: "\(directory)/wire.zone", atomically: true, encoding: .utf8)
    let process = try ChildProcess.spawn(
      TestEnvironment.testAuthority,
      ["--zone", "wire.test.=wire.zone", "--listen", "\(address):5353", "--log", "queries.log"] + switches,
      in: directory, outputPath: "\(directory)/output")
    var failure: (any Error)?
    if TCPProbe.waitUntilAccepting(address, port: 5353) {
      let client = DNSClient(address: address, port: 5353, timeoutMilliseconds: 2000, udpAttempts: 1)
      let log = {
        ((try? readTextFile("\(directory)/queries.log")) ?? "").split(separator: "\n").compactMap(LoggedQuery.init)
      }
      do { try body(client, log) } catch { failure = error }
    } else {
      Issue.record("the authority did not start: \(process.output)")
    }
    let output = process.output
    #expect(process.stop() == .exited(0), "\(output)")
    if let failure { throw failure }
  }

  @Test func answersReferralsAndNegativeAnswers() throws {
    try Self.withAuthority("127.54.0.1") { client, log in
      let www = try client.query("www.wire.test.", .a, recursionDesired: false)
      #expect(www.flags.contains(.aa) && www.flags.contains(.qr) && !www.flags.contains(.ra))
      #expect(www.answerData(.a) == ["192.0.2.2"])

      let referral = try client.query("host.sub.wire.test.", .a, recursionDesired: false)
      #expect(referral.rcode == .noError && !referral.flags.contains(.aa) && referral.answers.isEmpty)
      #expect(referral.records(.ns, in: .authority).map(\.rdata.presentation) == ["ns.sub.wire.test."])
      #expect(referral.records(.a, in: .additional).map(\.rdata.presentation) == ["192.0.2.4"])

      let missing = try client.query("nope.wire.test.", .a)
      #expect(missing.rcode == .nxDomain && missing.flags.contains(.aa))
      #expect(missing.records(.soa, in: .authority).count == 1)

      let ent = try client.query("ent.wire.test.", .a)
      #expect(ent.rcode == .noError && ent.answers.isEmpty && ent.records(.soa, in: .authority).count == 1)

      let dname = try client.query("x.old.wire.test.", .a)
      #expect(dname.answers.map(\.type) == [.dname, .cname])

      let elsewhere = try client.query("www.example.org.", .a)
      #expect(elsewhere.rcode == .refused)

      let overTCP = try client.query("www.wire.test.", .a, over: .tcp)
      #expect(overTCP.answerData(.a) == ["192.0.2.2"])

      let logged = log().map(\.description)
      #expect(logged.first == "www.wire.test. A udp")
      #expect(logged.last == "www.wire.test. A tcp")
      #expect(logged.count == 7)
    }
  }

  @Test func truncateUDPSendsTCAndNoRecordsButTCPWorks() throws {
    try Self.withAuthority("127.54.0.2", ["--truncate-udp"]) { client, log in
      let udp = try client.query("www.wire.test.", .a)
      #expect(udp.flags.contains(.tc))
      #expect(udp.answers.isEmpty && udp.authorities.isEmpty && udp.additionals.isEmpty)
      let tcp = try client.query("www.wire.test.", .a, over: .tcp)
      #expect(!tcp.flags.contains(.tc) && tcp.answerData(.a) == ["192.0.2.2"])
      #expect(log().map(\.transport) == [.udp, .tcp])
    }
  }

  @Test("Refuse and servfail answer every query with their rcode, and nothing else")
  func refuseAndServfail() throws {
    try Self.withAuthority("127.54.0.3", ["--refuse"]) { client, _ in
      let response = try client.query("www.wire.test.", .a)
      #expect(response.rcode == .refused && response.answers.isEmpty)
    }
    try Self.withAuthority("127.54.0.4", ["--servfail"]) { client, _ in
      let response = try client.query("www.wire.test.", .a, over: .tcp)
      #expect(response.rcode == .servFail && response.answers.isEmpty)
    }
  }

  @Test func dropReadsButNeverAnswers() throws {
    try Self.withAuthority("127.54.0.5", ["--drop"]) { client, log in
      let quick = DNSClient(address: client.address, port: client.port, timeoutMilliseconds: 300, udpAttempts: 1)
      #expect(throws: DNSClientError.self) { try quick.query("www.wire.test.", .a) }
      #expect(throws: DNSClientError.self) { try quick.query("www.wire.test.", .a, over: .tcp) }
      #expect(log().map(\.transport) == [.udp, .tcp], "both queries were received")
    }
  }

  @Test func noAAAndLame() throws {
    try Self.withAuthority("127.54.0.6", ["--no-aa"]) { client, _ in
      let response = try client.query("www.wire.test.", .a)
      #expect(!response.flags.contains(.aa) && response.answerData(.a) == ["192.0.2.2"])
    }
    try Self.withAuthority("127.54.0.7", ["--lame"]) { client, _ in
      let response = try client.query("www.wire.test.", .a)
      #expect(response.rcode == .noError && !response.flags.contains(.aa) && response.answers.isEmpty)
      #expect(response.records(.ns, in: .authority).map(\.rdata.presentation) == ["ns.wire.test."])
    }
  }

  @Test func injectedRecordsRideAlongInEveryResponse() throws {
    let switches = [
      "--inject-additional", "victim.example.org. 300 IN A 192.0.2.66",
      "--inject-authority", "victim.example.org. 300 IN A 192.0.2.67",
    ]
    try Self.withAuthority("127.54.0.8", switches) { client, _ in
      for name in ["www.wire.test.", "nope.wire.test."] {
        let response = try client.query(name, .a)
        #expect(response.records(.a, in: .additional).map(\.rdata.presentation) == ["192.0.2.66"])
        #expect(response.records(.a, in: .authority).map(\.rdata.presentation) == ["192.0.2.67"])
      }
    }
  }

  @Test func aBadZoneFileStopsTheServer() throws {
    let directory = try makeTemporaryDirectory(prefix: "petrel-authority")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "www 60 A 192.0.2.1\n".write(toFile: "\(directory)/bad.zone", atomically: true, encoding: .utf8)
    let process = try ChildProcess.spawn(
      TestEnvironment.testAuthority, ["--zone", "bad.test.=bad.zone", "--listen", "127.54.0.9:5353"], in: directory,
      outputPath: "\(directory)/output")
    var ended: ChildProcess.Termination?
    for _ in 0..<200 where ended == nil {
      ended = process.exitedAlready()
      if ended == nil { usleep(50_000) }
    }
    if ended == nil { _ = process.stop() }
    #expect(ended == .exited(64), "\(process.output)")
    #expect(process.output.contains("no SOA"))
  }
}
