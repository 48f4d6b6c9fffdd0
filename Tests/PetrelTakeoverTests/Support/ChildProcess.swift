import Glibc
import PetrelSystem
import PetrelTestSupport

/// A program a test started, output to a file, ended through its pidfd and reaped.
final class ChildProcess: Sendable {
  let pid: pid_t
  let outputPath: String
  let process: ProcessDescriptor

  /// Starts `arguments` (the program first) with standard output and error to `outputPath`, an empty signal
  /// mask and default dispositions, whatever the test runner's thread had.
  init(_ arguments: [String], outputPath: String) throws {
    let pid: pid_t
    do {
      pid = try TestProcessLaunch(arguments, outputPath: outputPath, appendsOutput: true).spawn()
    } catch {
      throw HarnessError(error.description)
    }
    self.pid = pid
    self.outputPath = outputPath
    process = try ProcessDescriptor.open(pid: pid)
  }

  /// What it wrote so far.
  var output: String { (try? KernelTextFile.read(.init(outputPath))) ?? "" }

  /// Its exit status once it has exited (reaping it), waiting at most `bound`; nil if it still runs.
  func waitForExit(bound: Duration = .seconds(30)) -> Int32? {
    guard (try? process.waitForExit(timeout: bound)) == true else { return nil }
    var status: Int32 = 0
    guard waitpid(pid, &status, 0) == pid else { return nil }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }

  /// SIGTERM through the pidfd, then the exit status (SIGKILL after `bound`).
  @discardableResult
  func stop(bound: Duration = .seconds(20)) -> Int32? {
    try? process.sendSignal(.terminate)
    if let status = waitForExit(bound: bound) { return status }
    try? process.sendSignal(.kill)
    return waitForExit(bound: .seconds(5))
  }

  deinit {
    // A test that failed half-way leaves no process behind.
    if (try? process.waitForExit(timeout: .zero)) == false { stop() }
    try? process.close()
  }
}

/// A failure of the harness itself.
struct HarnessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
