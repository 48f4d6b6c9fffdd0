import Foundation
import Testing

/// After the drop the daemon tries to open every file a reload will read, and warns at start-up about those the
/// account it became cannot — instead of failing at the first reload.
@Suite("Files a reload reads")
struct ReloadReadabilityTests {
  @Test(
    "a configuration file only root may read is reported at start-up; a readable zone file is not",
    .enabled(if: Environment.canRunDaemon, Comment(rawValue: Environment.daemonUnavailability ?? "")))
  func unreadableConfigurationIsReported() throws {
    let scratch = try Scratch("reload")
    defer { scratch.remove() }
    let configuration = try TestConfiguration.write(in: scratch, listen: "127.53.250.22")
    try scratch.write("petrel.yml", try String(contentsOfFile: configuration, encoding: .utf8), mode: 0o600)
    let daemon = try DaemonProcess.petreld(["--config", configuration], answeringOn: "127.53.250.22", scratch: scratch)
    defer { daemon.stop() }
    try daemon.requireRunning()

    let output = daemon.output
    #expect(
      output.contains(
        "warning: a reload will not be able to read \(configuration) now that privileges are dropped: Permission denied"
      ),
      "\(output)")
    #expect(!output.contains("read \(scratch.path("priv.test.zone"))"), "\(output)")
    #expect(daemon.stop() == .exited(0), "\(daemon.output)")
  }
}
