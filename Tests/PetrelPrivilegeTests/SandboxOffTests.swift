import PetrelSystem
import Testing

/// `--sandbox off` (or `sandbox: []`) runs without Landlock and seccomp — and says so loudly — while every
/// privilege is still dropped and no_new_privs still set.
@Suite("petreld with the sandbox off")
struct SandboxOffTests {
  @Test(
    "runs, answers, and warns; no seccomp, but no privilege either",
    .enabled(if: Environment.canRunDaemon, Comment(rawValue: Environment.daemonUnavailability ?? "")),
    arguments: ["flag", "configuration"])
  func runsAndWarns(source: String) throws {
    let scratch = try Scratch("off")
    defer { scratch.remove() }
    let address = source == "flag" ? "127.53.250.8" : "127.53.250.9"
    let configuration = try TestConfiguration.write(
      in: scratch, listen: address, privileges: source == "flag" ? [] : ["sandbox: []"])
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration] + (source == "flag" ? ["--sandbox", "off"] : []), answeringOn: address,
      scratch: scratch)
    defer { daemon.stop() }
    try daemon.requireRunning()

    #expect(
      try DNSQuery(address: address).addresses("www.\(TestZones.local)", over: .udp) == [TestZones.localAddress],
      "\(daemon.output)")
    let output = daemon.output
    #expect(output.contains("warning: SANDBOX OFF: no Landlock, no seccomp"), "\(output)")
    #expect(output.contains("notice: privileges dropped: "))
    #expect(!output.contains("landlock: ABI"))
    #expect(!output.contains("seccomp filter"))
    let nobody = try Credentials.user(named: "nobody")
    let threads = try ThreadStatus.all(of: daemon.pid)
    let differences = droppedPrivilegeDifferences(
      threads, user: nobody.userID, group: nobody.primaryGroupID, seccomp: false)
    #expect(differences.isEmpty, "\(differences)")
    #expect(daemon.stop() == .exited(0), "\(daemon.output)")
  }
}
