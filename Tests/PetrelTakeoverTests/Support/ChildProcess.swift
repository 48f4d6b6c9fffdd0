import Glibc
import PetrelSystem

/// A program a test started, output to a file, ended through its pidfd and reaped.
final class ChildProcess: Sendable {
  let pid: pid_t
  let outputPath: String
  let process: ProcessDescriptor

  /// Starts `arguments` (the program first) with standard output and error to `outputPath`, an empty signal
  /// mask and default dispositions, whatever the test runner's thread had.
  init(_ arguments: [String], outputPath: String) throws {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid = pid_t()
    let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
    guard result == 0 else { throw HarnessError("cannot start \(arguments[0]): \(String(cString: strerror(result)))") }
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
