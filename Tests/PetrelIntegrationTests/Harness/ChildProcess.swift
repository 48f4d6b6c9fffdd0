import Glibc
import PetrelTestSupport

/// A process the tests started, with its output going to a file, stopped with SIGTERM and reaped.
///
/// `posix_spawn` rather than Foundation's `Process` so that stopping is explicit and bounded: SIGTERM, a
/// bounded wait, SIGKILL only if it did not go, and the exact way it ended for the test to check.
struct ChildProcess: Sendable {
  typealias Termination = ProcessTermination

  let pid: pid_t
  static let env = "/usr/bin/env"
  /// What the process wrote to standard output and standard error.
  let outputPath: String
  let executable: String

  /// Starts `executable` with `arguments` in `directory`, output to `outputPath`.
  static func spawn(
    _ executable: String, _ arguments: [String], in directory: String, outputPath: String
  ) throws(HarnessError) -> ChildProcess {
    // env -C changes directory and then execs the program, which keeps env's process ID: the pid is the program's.
    // (Glibc's posix_spawn_file_actions_addchdir_np is not visible to Swift.)
    let command = [Self.env, "-C", directory, executable] + arguments
    let pid: pid_t
    do {
      pid = try TestProcessLaunch(command, outputPath: outputPath).spawn()
    } catch {
      throw .cannotStart(executable, reason: error.description)
    }
    return ChildProcess(pid: pid, outputPath: outputPath, executable: executable)
  }

  /// Nil while the process runs; how it ended once it has (and is then reaped).
  func exitedAlready() -> Termination? {
    var status: Int32 = 0
    guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
    return Termination(waitStatus: status)
  }

  /// Sends SIGTERM, waits at most `graceSeconds` (polling), then SIGKILLs. Call once.
  func stop(graceSeconds: Int = 10) -> Termination {
    if let ended = exitedAlready() { return ended }
    kill(pid, SIGTERM)
    var status: Int32 = 0
    for _ in 0..<(graceSeconds * 20) {
      if waitpid(pid, &status, WNOHANG) == pid { return Termination(waitStatus: status) }
      usleep(50_000)
    }
    kill(pid, SIGKILL)
    _ = waitpid(pid, &status, 0)
    return .killedAfterTimeout
  }

  /// The process's output so far, for failure messages.
  var output: String { (try? readTextFile(outputPath)) ?? "(no output file)" }
}
