import Glibc
import PetrelServer
import PetrelSystem
import Testing

@Suite struct PreviousDaemonWatchTests {
  @Test func aProcessThatExitsInTimeIsLeftAlone() throws {
    let child = try ChildProcess(["/bin/true"], outputPath: "/dev/null")
    let watch = PreviousDaemonWatch(process: try ProcessDescriptor.open(pid: child.pid))
    defer { try? watch.process.close() }
    #expect(watch.waitForExit(timeout: .seconds(30)) == .exited)
    #expect(child.waitForExit() == 0)
  }

  @Test func aProcessThatOutstaysItsTimeIsKilledThroughItsPidfd() throws {
    let child = try ChildProcess(["/bin/sleep", "600"], outputPath: "/dev/null")
    let watch = PreviousDaemonWatch(process: try ProcessDescriptor.open(pid: child.pid))
    defer { try? watch.process.close() }
    #expect(watch.waitForExit(timeout: .milliseconds(1)) == .killed)
    #expect(child.waitForExit() == 128 + SIGKILL)
  }

  @Test(.enabled(if: getuid() == 0, "needs root to choose the next PID (/proc/sys/kernel/ns_last_pid)"))
  func aReusedPIDIsNeverSignalled() throws {
    let daemon = try ChildProcess(["/bin/sleep", "600"], outputPath: "/dev/null")
    let watch = PreviousDaemonWatch(process: try ProcessDescriptor.open(pid: daemon.pid))
    defer { try? watch.process.close() }
    let reusedPID = daemon.pid
    #expect(daemon.stop() == 128 + SIGTERM)  // exited and reaped: its PID is free

    // Give the PID to another process, as the kernel may at any time once the old one is reaped.
    var impostor: ChildProcess? = nil
    for _ in 0..<200 where impostor == nil {
      try setLastPID(reusedPID - 1)
      let candidate = try ChildProcess(["/bin/sleep", "600"], outputPath: "/dev/null")
      if candidate.pid == reusedPID { impostor = candidate } else { candidate.stop() }
    }
    let other = try #require(impostor, "another process took PID \(reusedPID) first, 200 times")
    #expect(kill(other.pid, 0) == 0)

    // The watch still means the exited daemon: the kill goes nowhere, the impostor lives on.
    #expect(watch.end() == .alreadyGone)
    #expect(throws: ProcessDescriptorError.processGone) { try watch.process.sendSignal(.terminate) }
    #expect(try watch.process.processID() == nil)
    #expect(try other.process.waitForExit(timeout: .zero) == false)
    #expect(other.stop() == 128 + SIGTERM)
  }

  private func setLastPID(_ pid: pid_t) throws {
    let descriptor = open("/proc/sys/kernel/ns_last_pid", O_WRONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw HarnessError("ns_last_pid: errno \(errno)") }
    defer { close(descriptor) }
    let text = Array("\(pid)".utf8)
    guard text.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == text.count else {
      throw HarnessError("ns_last_pid: errno \(errno)")
    }
  }
}
