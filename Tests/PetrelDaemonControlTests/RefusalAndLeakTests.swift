import Foundation
import Glibc
import Testing

/// Who may talk to the daemon, and that talking to it costs nothing in the end.
@Suite("authorisation and descriptors")
struct RefusalAndLeakTests {
  @Test func theSocketAndItsDirectoryHaveTheirModes() throws {
    let daemon = try DaemonProcess(label: "modes")
    var status = stat()
    #expect(stat(daemon.runtimeDirectory, &status) == 0)
    #expect(status.st_mode & 0o777 == 0o750)
    #expect(lstat(daemon.socketPath, &status) == 0)
    #expect(status.st_mode & 0o777 == 0o660)
  }

  /// The stranger is uid 12345: not root, not the daemon's own uid (the sandboxed daemon runs as nobody, whom
  /// it rightly lets in), not a member of a control group.
  @Test(.enabled(if: runningAsRoot, "switching to another uid needs root"))
  func aStrangerIsRefusedAndLogged() throws {
    let daemon = try DaemonProcess(label: "refused")
    // Make the socket reachable, so that the daemon (not the file mode) has to say no.
    #expect(chmod(daemon.runtimeDirectory, 0o755) == 0)
    #expect(chmod(daemon.socketPath, 0o666) == 0)
    let outcome = try run(
      [
        "/usr/bin/setpriv", "--reuid=12345", "--regid=12345", "--clear-groups", "--", Products.petrelctl, "ping",
        "--socket", daemon.socketPath,
      ])
    #expect(outcome.status == 2, "\(outcome)")
    #expect(outcome.standardError.contains("permission denied: uid 12345 may not control this daemon"))
    #expect(eventually { readFile(daemon.logPath).contains("refused control connection") })
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func aThousandCommandsLeaveNoDescriptorBehind() throws {
    let daemon = try DaemonProcess(label: "leak")
    _ = try daemon.petrelctl(["status"])
    let before = daemon.settledDescriptorCount()
    for index in 0..<1_000 {
      let outcome = try daemon.petrelctl([index % 2 == 0 ? "ping" : "status"])
      guard outcome.status == 0 else {
        Issue.record("command \(index) failed: \(outcome)")
        return
      }
    }
    #expect(eventually { daemon.openDescriptors().count == before }, "\(daemon.openDescriptors().count) != \(before)")
    #expect(daemon.dns.answersLocalZone())
  }
}
