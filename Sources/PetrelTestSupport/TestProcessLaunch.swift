public import Glibc

/// How a test starts a program — a daemon, a client, a lab authority — with a clean slate.
///
/// Exists because four test targets start real processes and each needs the same care: standard input from
/// `/dev/null`, standard output and error into one file (read back for the failure message), and an empty
/// signal mask with default dispositions, whatever the test runner's thread had blocked or ignored — a daemon
/// that inherits a blocked SIGTERM never stops. Optionally descriptors are placed at 3, 4, … (socket
/// activation) and the environment is given whole. `posix_spawn` rather than Foundation's `Process`, so that
/// the descriptors and the environment are exactly these and stopping stays the test's own business.
public struct TestProcessLaunch: Sendable {
  /// The program first, then its arguments; the program is a path (no PATH search).
  public var arguments: [String]
  /// Where standard output and standard error go.
  public var outputPath: String
  /// Appends to `outputPath` instead of truncating it (several processes sharing one log).
  public var appendsOutput: Bool
  /// The whole environment, or nil for the test runner's.
  public var environment: [String: String]?
  /// Descriptors to place at 3, 4, … in this order (the caller keeps its own copies).
  public var passing: [CInt]

  public init(
    _ arguments: [String], outputPath: String, appendsOutput: Bool = false, environment: [String: String]? = nil,
    passing: [CInt] = []
  ) {
    self.arguments = arguments
    self.outputPath = outputPath
    self.appendsOutput = appendsOutput
    self.environment = environment
    self.passing = passing
  }

  /// Starts the program and returns its process ID.
  public func spawn() throws(TestProcessLaunchError) -> pid_t {
    guard let program = arguments.first else { throw TestProcessLaunchError("nothing to start") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    let mode = appendsOutput ? O_APPEND : O_TRUNC
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | mode, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // Copies far above 3 first, so that placing one at 3 + i can never overwrite another still to be placed.
    var copies: [CInt] = []
    defer { for copy in copies { close(copy) } }
    for (index, descriptor) in passing.enumerated() {
      let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 200)
      guard copy >= 0 else {
        throw TestProcessLaunchError("cannot copy descriptor \(descriptor): \(String(cString: strerror(errno)))")
      }
      copies.append(copy)
      posix_spawn_file_actions_adddup2(&actions, copy, 3 + CInt(index))
    }

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)
    var everySignal = sigset_t()
    sigfillset(&everySignal)
    posix_spawnattr_setsigdefault(&attributes, &everySignal)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { variables in
      variables.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
    }
    defer {
      argv.forEach { free($0) }
      envp?.forEach { free($0) }
    }
    var pid = pid_t()
    let result =
      if let envp {
        posix_spawn(&pid, program, &actions, &attributes, argv, envp)
      } else {
        posix_spawn(&pid, program, &actions, &attributes, argv, environ)
      }
    guard result == 0 else {
      throw TestProcessLaunchError("cannot start \(program): \(String(cString: strerror(result)))")
    }
    return pid
  }
}

/// Why a test could not start a program.
public struct TestProcessLaunchError: Error, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}
