import Foundation
import Glibc
import PetrelTestSupport

/// The real `petreld`, started from the build products with a configuration made for one test: a free port
/// on 127.0.0.1, its runtime directory in a temporary directory, a local zone `lab.test.` to prove it
/// serves, and a root hint to an address where nothing listens (so resolutions fail fast, with trace lines).
final class DaemonProcess: @unchecked Sendable {
  let directory: String
  let port: UInt16
  let pid: pid_t
  let configurationPath: String
  var runtimeDirectory: String { directory + "/run" }
  var socketPath: String { runtimeDirectory + "/control.sock" }
  var logPath: String { directory + "/petreld.log" }
  var dns: DNSProbe { DNSProbe(port: port) }
  private var reaped = false

  /// The zone file every test daemon serves.
  static let zone = """
    $TTL 3600
    @	IN	SOA	ns.lab.test. hostmaster.lab.test. 1 3600 900 604800 300
    @	IN	NS	ns.lab.test.
    ns	IN	A	127.53.0.1
    www	IN	A	192.0.2.80
    *.wild	IN	A	192.0.2.81

    """

  /// The YAML configuration: `allowFrom` networks, the lab zone, and the default privileges: started as root the
  /// daemon drops to nobody under Landlock and seccomp, so every command is proven against the full sandbox.
  static func configuration(directory: String, port: UInt16, allowFrom: [String], extra: String = "") -> String {
    """
    server:
      listen: [127.0.0.1:\(port)]
      allow-from: [\(allowFrom.joined(separator: ", "))]
      threads: 2
    resolver:
      dont-query: []
      root-hint: {name: root.lab., address: 127.53.9.1}
      upstream-timeout: 200
      record-cache-size: 2_000_000
    local-zones:
      - zone: lab.test.
        file: \(directory)/lab.test.zone
    \(extra)
    """
  }

  init(label: String, allowFrom: [String] = ["127.0.0.0/8"], arguments: [String] = []) throws {
    directory = try temporaryDirectory(label)
    port = try freePort()
    configurationPath = directory + "/petrel.yml"
    try writeFile(directory + "/lab.test.zone", Self.zone)
    try writeFile(configurationPath, Self.configuration(directory: directory, port: port, allowFrom: allowFrom))
    pid = try Self.spawn(
      [Products.petreld, "--config", configurationPath, "--runtime-directory", directory + "/run"] + arguments,
      output: directory + "/petreld.log")
    guard eventually({ FileManager.default.fileExists(atPath: socketPath) && dns.answersLocalZone() }) else {
      stop()
      throw HarnessError("petreld did not start:\n\(readFile(logPath))")
    }
  }

  deinit { stop() }

  /// `petrelctl ARGUMENTS --socket …`.
  func petrelctl(_ arguments: [String], input: String = "") throws -> ProcessOutcome {
    try run([Products.petrelctl] + arguments + ["--socket", socketPath], input: input)
  }

  /// The same for a shell command line, in which `petrelctl` is the client with this daemon's socket.
  func shell(_ command: String) throws -> ProcessOutcome {
    let function = "petrelctl() { \(quoted(Products.petrelctl)) \"$@\" --socket \(quoted(socketPath)); }\n"
    return try PetrelDaemonControlTests.shell(function + command)
  }

  /// The daemon's open descriptors (`/proc/<pid>/fd`).
  func openDescriptors() -> [String] {
    (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
  }

  /// The number of open descriptors once it has stayed the same for a fifth of a second (a session that just
  /// answered closes its connection a moment after its client has read the answer).
  func settledDescriptorCount() -> Int {
    var last = openDescriptors().count
    var stableSince = 0
    for _ in 0..<400 {
      usleep(20_000)
      let now = openDescriptors().count
      if now == last {
        stableSince += 1
        if stableSince >= 10 { break }
      } else {
        stableSince = 0
        last = now
      }
    }
    return last
  }

  /// What each open descriptor refers to, for failure messages.
  func descriptorTargets() -> [String] {
    openDescriptors().sorted().map { number in
      number + " -> "
        + ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(number)")) ?? "?")
    }
  }

  /// How the process ended, if it has (reaped then); nil while it runs.
  func exitStatus() -> Int32? {
    guard !reaped else { return nil }
    var status: Int32 = 0
    guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
    reaped = true
    return status
  }

  /// SIGTERM, a bounded wait, SIGKILL if it did not go; idempotent.
  func stop() {
    guard !reaped else { return }
    kill(pid, SIGTERM)
    var status: Int32 = 0
    for _ in 0..<200 {
      if waitpid(pid, &status, WNOHANG) == pid {
        reaped = true
        return
      }
      usleep(50_000)
    }
    kill(pid, SIGKILL)
    _ = waitpid(pid, &status, 0)
    reaped = true
  }

  private static func spawn(_ arguments: [String], output: String) throws -> pid_t {
    do {
      return try TestProcessLaunch(arguments, outputPath: output).spawn()
    } catch {
      throw HarnessError(error.description)
    }
  }
}
