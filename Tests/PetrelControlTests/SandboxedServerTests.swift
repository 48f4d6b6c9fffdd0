import Foundation
import Glibc
import PetrelControl
import Testing

/// The point of the whole design: a daemon that can open no file for writing still writes dumps, into
/// files its client opened.
@Suite(.enabled(if: runningAsRoot, "the probe switches to nobody, which needs root"))
struct SandboxedServerTests {
  var probePath: String {
    URL(fileURLWithPath: petrelctlPath).deletingLastPathComponent().appendingPathComponent("petrel-control-probe").path
  }

  @Test func aSandboxedDaemonWritesIntoFilesItsClientOpened() async throws {
    let directory = try TemporaryDirectory()
    let socket = directory.file("control.sock")
    let writable = directory.file("writable")
    #expect(FileManager.default.createFile(atPath: writable, contents: Data("untouched".utf8)))
    #expect(chmod(writable, 0o666) == 0)

    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: probePath)
    probe.arguments = ["--socket", socket, "--writable-file", writable]
    let probeOutput = Pipe()
    probe.standardOutput = probeOutput
    try probe.run()
    defer { if probe.isRunning { probe.terminate() } }
    #expect(await eventually { access(socket, F_OK) == 0 || !probe.isRunning })

    let ping = try await runProcess([petrelctlPath, "ping", "--socket", socket])
    #expect(ping.status == 0 && ping.standardOutput == "pong\nuid: 65534\n", "\(ping)")

    let dump = try await runProcess([petrelctlPath, "dump-cache", "dump.txt", "--socket", socket], in: directory.path)
    #expect(dump.status == 0 && dump.standardOutput == "dumped\nbytes: 118890\nrecords: 10000\n", "\(dump)")
    let written = contents(of: directory.file("dump.txt")) ?? ""
    #expect(written.hasPrefix("record 0\nrecord 1\n") && written.hasSuffix("record 9999\n"))
    var status = stat()
    #expect(stat(directory.file("dump.txt"), &status) == 0 && status.st_uid == 0, "the client's file, not the daemon's")

    let load = try await runProcess(
      [petrelctlPath, "load-cache", "-", "--socket", socket], input: Array("a\nb\nc\n".utf8))
    #expect(load.status == 0 && load.standardOutput == "loaded\nbytes: 6\nlines: 3\n", "\(load)")

    let quit = try await runProcess([petrelctlPath, "quit", "--socket", socket])
    #expect(quit.status == 0 && quit.standardOutput == "bye\n", "\(quit)")
    let output = await onThread {
      let data = probeOutput.fileHandleForReading.readDataToEndOfFile()
      probe.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }
    #expect(probe.terminationStatus == 0, "\(output)")
    #expect(output.contains("open-for-writing: refused"), "\(output)")
    #expect(output.contains("serving as uid 65534") && output.hasSuffix("stopped\n"), "\(output)")
    #expect(contents(of: writable) == "untouched")
  }
}
