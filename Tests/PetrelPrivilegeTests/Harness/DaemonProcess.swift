import Foundation
import Glibc
import PetrelTestSupport
import Synchronization
import Testing

/// A `petreld` (or other program) the tests started: output to a file, optionally through a launcher such as
/// `setpriv`, with a clean environment and, for socket activation, descriptors placed at 3, 4, ….
///
/// `posix_spawn` rather than Foundation's `Process` so that the descriptors and the environment are exactly
/// what is asked for, and stopping is explicit: SIGTERM, a bounded wait, SIGKILL only if it did not go.
final class DaemonProcess: Sendable {
  typealias Termination = ProcessTermination

  let pid: pid_t
  let outputPath: String
  /// How it ended, once reaped: a second `waitpid` could no longer tell.
  private let ended = Mutex<Termination?>(nil)

  /// Starts `command` (launcher and program included) with `environment` as its whole environment (PATH is
  /// added), `passing` placed at descriptors 3, 4, … in that order, and output to `outputPath`.
  ///
  /// With `exportListenPID`, the program is started through `/bin/sh`, which exports `LISTEN_PID=$$` and then
  /// execs it, so that `LISTEN_PID` is the daemon's own process ID as socket activation requires.
  init(
    _ command: [String], environment: [String: String] = [:], passing descriptors: [CInt] = [],
    exportListenPID: Bool = false, outputPath: String
  ) throws {
    self.outputPath = outputPath
    let argumentsList =
      exportListenPID ? ["/bin/sh", "-c", "export LISTEN_PID=$$; exec \"$@\"", "sh"] + command : command
    var fullEnvironment = environment
    fullEnvironment["PATH"] = fullEnvironment["PATH"] ?? "/usr/sbin:/usr/bin:/sbin:/bin"
    let pid: pid_t
    do {
      pid = try TestProcessLaunch(
        argumentsList, outputPath: outputPath, environment: fullEnvironment, passing: descriptors
      ).spawn()
    } catch {
      throw ScratchError(reason: error.description)
    }
    self.pid = pid
  }

  /// Nil while the process runs; how it ended once it has (and it is then reaped).
  func exitedAlready() -> Termination? {
    ended.withLock { ended in
      if ended == nil {
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { ended = Termination(waitStatus: status) }
      }
      return ended
    }
  }

  /// Waits for the process to end by itself, at most `seconds`; kills it after that.
  func waitForExit(seconds: Int = 30) -> Termination {
    for _ in 0..<(seconds * 20) {
      if let ended = exitedAlready() { return ended }
      usleep(50_000)
    }
    return stop()
  }

  /// Sends SIGTERM, waits at most `graceSeconds`, then SIGKILLs. Call once.
  @discardableResult
  func stop(graceSeconds: Int = 10) -> Termination {
    if let ended = exitedAlready() { return ended }
    kill(pid, SIGTERM)
    for _ in 0..<(graceSeconds * 20) {
      if let ended = exitedAlready() { return ended }
      usleep(50_000)
    }
    kill(pid, SIGKILL)
    var status: Int32 = 0
    _ = waitpid(pid, &status, 0)
    ended.withLock { $0 = .killedAfterTimeout }
    return .killedAfterTimeout
  }

  /// Everything the process wrote so far.
  var output: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "(no output)" }
}

/// Starting the real petreld in the ways the tests need.
extension DaemonProcess {
  /// `petreld` with `arguments`, through `launcher` if given; waits until it answers on `address`:53 (or has
  /// exited, which the caller sees from `exitedAlready()`).
  static func petreld(
    _ arguments: [String], launcher: [String] = [], environment: [String: String] = [:],
    passing descriptors: [CInt] = [], answeringOn address: String?, scratch: Scratch
  ) throws -> DaemonProcess {
    let process = try DaemonProcess(
      launcher + [Environment.petreld] + arguments, environment: environment, passing: descriptors,
      exportListenPID: !descriptors.isEmpty, outputPath: scratch.path("petreld.out"))
    if let address { process.waitUntilAnswering(address) }
    return process
  }

  /// Records an issue with everything the daemon wrote, and throws, when it is no longer running.
  func requireRunning(sourceLocation: SourceLocation = #_sourceLocation) throws {
    if let ended = exitedAlready() {
      try #require(
        Bool(false), "petreld ended (\(ended)) instead of serving:\n\(output)", sourceLocation: sourceLocation)
    }
  }

  /// Polls `address` with a question for the local zone until any response comes back, the process ends, or
  /// 10 s pass (a bound on waiting, not an assertion: the caller's queries then fail with the reason).
  func waitUntilAnswering(_ address: String) {
    let client = DNSQuery(address: address, timeoutMilliseconds: 200)
    for _ in 0..<50 {
      if exitedAlready() != nil { return }
      if (try? client.ask(TestZones.local, .soa, over: .udp)) != nil { return }
      usleep(200_000)
    }
  }
}
