import Glibc
import PetrelSystem
import Testing

/// `Type=notify`: READY=1 with a STATUS= line once serving, STOPPING=1 on SIGTERM — delivered from inside the
/// sandbox, to a path socket and to an abstract one (which Landlock's scope would refuse to a fresh socket).
@Suite("petreld notifying systemd")
struct NotificationTests {
  @Test(
    "READY=1 and STATUS= after serving, STOPPING=1 on shutdown",
    .enabled(if: Environment.canRunDaemon, Comment(rawValue: Environment.daemonUnavailability ?? "")),
    arguments: ["path", "abstract"])
  func readyThenStopping(kind: String) throws {
    let scratch = try Scratch("notify-\(kind)")
    defer { scratch.remove() }
    let address = kind == "path" ? "127.53.250.13" : "127.53.250.14"
    let listener =
      kind == "path"
      ? try NotificationSocket(path: scratch.path("notify"))
      : try NotificationSocket(abstractName: "petrel-priv-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    defer { listener.close() }
    let configuration = try TestConfiguration.write(in: scratch, listen: address)
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration], environment: ["NOTIFY_SOCKET": listener.address], answeringOn: nil,
      scratch: scratch)
    defer { daemon.stop() }
    try daemon.requireRunning()

    let ready = try #require(listener.next(), "no notification arrived:\n\(daemon.output)")
    #expect(ready.first == "READY=1", "\(ready)")
    let nobody = try Credentials.user(named: "nobody")
    let abi = landlockABI()
    let sandbox = abi > 0 ? "landlock ABI \(abi)+seccomp" : "seccomp"
    #expect(
      ready.contains(
        "STATUS=serving on \(address):53 (bound sockets) as uid \(nobody.userID) gid \(nobody.primaryGroupID), "
          + "no capabilities, sandbox \(sandbox)"), "\(ready)")
    // Ready means serving.
    #expect(try DNSQuery(address: address).addresses("www.\(TestZones.local)", over: .udp) == [TestZones.localAddress])

    kill(daemon.pid, SIGTERM)
    let stopping = try #require(listener.next(), "no STOPPING=1:\n\(daemon.output)")
    #expect(stopping.first == "STOPPING=1", "\(stopping)")
    #expect(daemon.waitForExit() == .exited(0), "\(daemon.output)")
    #expect(!daemon.output.contains("cannot notify"), "\(daemon.output)")
  }

  private func landlockABI() -> Int {
    do {
      return try Landlock.abiVersion()
    } catch {
      return 0
    }
  }
}
