import Foundation
import Glibc
import PetrelSystem
import SystemPackage
import Testing

/// Runs `petrel-sandbox-probe` as a child process, since a privilege plan cannot be undone in the test runner.
struct SandboxProbeRun {
  var exitStatus: Int32
  var attempts: [String: String]
  var status: ThreadPrivileges
  var output: String

  static let attemptNames = [
    "create-file", "open-for-writing", "exec", "ptrace-parent", "mount-tmpfs", "connect-tcp-80",
  ]

  /// The probe is built next to the test bundle: `.build/<config>/petrel-sandbox-probe`.
  static var probePath: String {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("petrel-sandbox-probe")
      .path
  }

  /// Runs the probe (through `launcher` first, if given) with a scratch file and mount point anyone may write.
  static func run(launcher: [String] = [], extraArguments: [String] = []) throws -> SandboxProbeRun {
    let scratch = "/tmp/petrel-probe-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let writableFile = scratch + "-writable"
    let mountPoint = scratch + "-mnt"
    #expect(FileManager.default.createFile(atPath: writableFile, contents: Data("keep".utf8)))
    try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: false)
    #expect(chmod(writableFile, 0o666) == 0 && chmod(mountPoint, 0o777) == 0)
    defer {
      try? FileManager.default.removeItem(atPath: writableFile)
      try? FileManager.default.removeItem(atPath: mountPoint)
    }

    let process = Process()
    let command = launcher + [probePath, "--writable-file", writableFile, "--mount-point", mountPoint] + extraArguments
    process.executableURL = URL(fileURLWithPath: command[0])
    process.arguments = Array(command.dropFirst())
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let output = String(decoding: data, as: UTF8.self)
    // A probe whose sandbox failed may have created its file; do not leave it behind.
    try? FileManager.default.removeItem(atPath: "/tmp/petrel-sandbox-probe-\(process.processIdentifier)")
    #expect(
      try String(contentsOfFile: writableFile, encoding: .utf8) == "keep", "the probe changed the writable file")

    var attempts: [String: String] = [:]
    for line in output.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = String(line[..<colon])
      if attemptNames.contains(name) { attempts[name] = String(line[line.index(colon, offsetBy: 2)...]) }
    }
    guard let statusStart = output.range(of: "\nstatus:\n") else {
      Issue.record("probe printed no status:\n\(output)")
      throw Errno.invalidArgument
    }
    let status = try ThreadPrivileges(parsingStatus: String(output[statusStart.upperBound...]))
    return SandboxProbeRun(
      exitStatus: process.terminationStatus, attempts: attempts, status: status, output: output)
  }
}

@Suite("The full privilege plan, applied in petrel-sandbox-probe", .serialized)
struct SandboxProbeTests {
  // Switching users, chroot-free but with setresuid, and setpriv all need root.
  @Test(.enabled(if: getuid() == 0, "needs root: the plan switches to nobody"))
  func rootBecomesNobodyWithNothingLeft() throws {
    let run = try SandboxProbeRun.run()
    #expect(run.exitStatus == 0, "\(run.output)")
    for name in SandboxProbeRun.attemptNames {
      #expect(run.attempts[name]?.hasPrefix("refused E") == true, "\(name): \(run.attempts[name] ?? "missing")")
    }
    let nobody = try Credentials.user(named: "nobody")
    #expect(run.status.userIDs == IDQuadruple(all: nobody.userID))
    #expect(run.status.groupIDs == IDQuadruple(all: try Credentials.group(named: "nogroup").groupID))
    #expect(run.status.supplementaryGroups.isEmpty)
    for set in [
      run.status.effective, run.status.permitted, run.status.inheritable, run.status.bounding,
      run.status.ambient,
    ] {
      #expect(set.isEmpty, "\(set.hexMask)")
    }
    #expect(run.status.noNewPrivileges)
    #expect(run.status.seccompMode == .filter)
    #expect(run.output.contains("bounding set emptied"))
  }

  @Test(.enabled(if: getuid() == 0, "needs root to start the probe as nobody through setpriv"))
  func nobodyWithAmbientBindServiceKeepsOnlyTheBoundingSet() throws {
    let setpriv = "/usr/bin/setpriv"
    try #require(FileManager.default.isExecutableFile(atPath: setpriv), "setpriv (util-linux) is needed")
    let launcher = [
      setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--inh-caps=+net_bind_service",
      "--ambient-caps=+net_bind_service",
    ]
    let run = try SandboxProbeRun.run(launcher: launcher)
    #expect(run.exitStatus == 0, "\(run.output)")
    for name in SandboxProbeRun.attemptNames {
      #expect(run.attempts[name]?.hasPrefix("refused E") == true, "\(name): \(run.attempts[name] ?? "missing")")
    }
    #expect(run.status.userIDs == IDQuadruple(all: try Credentials.user(named: "nobody").userID))
    #expect(run.status.supplementaryGroups.isEmpty)
    for set in [run.status.effective, run.status.permitted, run.status.inheritable, run.status.ambient] {
      #expect(set.isEmpty, "\(set.hexMask)")
    }
    // Without CAP_SETPCAP the bounding set cannot shrink: it is exactly what setpriv inherited from us.
    let ours = try ThreadPrivileges(parsingStatus: KernelTextFile.read("/proc/self/status")).bounding
    #expect(!ours.isEmpty)
    #expect(run.status.bounding == ours)
    #expect(run.output.contains("bounding set kept (\(ours.hexMask)): dropping needs cap_setpcap"))
    #expect(run.status.noNewPrivileges)
    #expect(run.status.seccompMode == .filter)
  }

  @Test(.enabled(if: getuid() == 0, "needs root: the plan switches to nobody"))
  func landlockAloneRefusesWritesAndConnectsButNotExec() throws {
    let run = try SandboxProbeRun.run(extraArguments: ["--sandbox", "landlock"])
    // Landlock does not handle execute, so exec succeeds and the probe reports a failure.
    #expect(run.exitStatus == 1, "\(run.output)")
    #expect(run.attempts["create-file"] == "refused EACCES")
    #expect(run.attempts["open-for-writing"] == "refused EACCES")
    #expect(run.attempts["connect-tcp-80"] == "refused EACCES")
    #expect(run.attempts["exec"] == "ALLOWED")
    #expect(run.status.seccompMode == .disabled)
    #expect(run.status.noNewPrivileges)
  }
}
