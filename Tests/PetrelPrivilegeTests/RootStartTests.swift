import PetrelSystem
import Testing

/// petreld started as root, as the integration lab and a classic init script start it: it binds port 53,
/// becomes an unprivileged account, and every thread it ever has holds nothing.
@Suite("petreld started as root")
struct RootStartTests {
  @Test(
    "with no user configured: every thread nobody/nogroup with nothing left, and it still resolves over UDP and TCP",
    .enabled(if: Environment.canRunDaemon, Comment(rawValue: Environment.daemonUnavailability ?? "")))
  func everyThreadHoldsNothingAndItStillResolves() throws {
    let scratch = try Scratch("root")
    defer { scratch.remove() }
    // Upstreams that truncate every UDP answer: the daemon must come back over TCP, on 53 and on a forward port.
    let onStandardPort = try TestAuthority.start(
      "upstream.test.", address: "127.53.250.2", truncateUDP: true, scratch: scratch)
    defer { onStandardPort.stop() }
    let onOtherPort = try TestAuthority.start(
      "other.test.", address: "127.53.250.3", port: 5353, truncateUDP: true, scratch: scratch)
    defer { onOtherPort.stop() }
    let configuration = try TestConfiguration.write(
      in: scratch, listen: "127.53.250.1",
      resolver: [
        "forward-zones:", "  upstream.test.: [127.53.250.2]", "  other.test.: [\"127.53.250.3:5353\"]",
      ])
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration], answeringOn: "127.53.250.1", scratch: scratch)
    defer { daemon.stop() }
    try daemon.requireRunning()

    let client = DNSQuery(address: "127.53.250.1")
    #expect(try client.addresses("www.\(TestZones.local)", over: .udp) == [TestZones.localAddress], "\(daemon.output)")
    #expect(try client.addresses("www.\(TestZones.local)", over: .tcp) == [TestZones.localAddress])
    #expect(try client.addresses("www.upstream.test.", over: .udp) == [TestZones.forwardedAddress], "\(daemon.output)")
    #expect(try client.addresses("www.other.test.", over: .tcp) == [TestZones.forwardedAddress], "\(daemon.output)")

    // Read after resolving, so that every thread the daemon started for it (event loops, the concurrency
    // pool) is among those checked.
    let threads = try ThreadStatus.all(of: daemon.pid)
    #expect(threads.count >= 3, "main thread and two event loops, found \(threads.count)")
    let nobody = try Credentials.user(named: "nobody")
    #expect(
      droppedPrivilegeDifferences(threads, user: nobody.userID, group: nobody.primaryGroupID).isEmpty,
      "\(droppedPrivilegeDifferences(threads, user: nobody.userID, group: nobody.primaryGroupID))")

    let output = daemon.output
    #expect(output.contains("warning: started as root with no user configured: dropping to nobody/"))
    #expect(
      output.contains("notice: privileges dropped: uid \(nobody.userID) gid \(nobody.primaryGroupID); groups none"))
    #expect(output.contains("tcp connect only to 53,853,5353, bind only to 53"), "\(output)")
    #expect(daemon.stop() == .exited(0), "\(daemon.output)")
  }

  @Test(
    "a configured account is the one every thread ends as, and no warning is given",
    .enabled(if: Environment.canRunDaemon, Comment(rawValue: Environment.daemonUnavailability ?? "")))
  func configuredAccountIsUsed() throws {
    let scratch = try Scratch("account")
    defer { scratch.remove() }
    let daemonAccount = try Credentials.user(named: "daemon")
    let configuration = try TestConfiguration.write(in: scratch, listen: "127.53.250.4")
    // The flags override the file: numeric IDs are accepted, the group defaults to the user's own.
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration, "--user", "\(daemonAccount.userID)"], answeringOn: "127.53.250.4",
      scratch: scratch)
    defer { daemon.stop() }
    try daemon.requireRunning()

    #expect(
      try DNSQuery(address: "127.53.250.4").addresses("www.\(TestZones.local)", over: .udp) == [TestZones.localAddress],
      "\(daemon.output)")
    let threads = try ThreadStatus.all(of: daemon.pid)
    let differences = droppedPrivilegeDifferences(
      threads, user: daemonAccount.userID, group: daemonAccount.primaryGroupID)
    #expect(differences.isEmpty, "\(differences)")
    #expect(!daemon.output.contains("no user configured"))
    #expect(daemon.stop() == .exited(0), "\(daemon.output)")
  }
}
