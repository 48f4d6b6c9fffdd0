public import Logging
import PetrelSystem

/// Where the listening sockets of phase 1 come from: systemd's socket activation when the process was
/// started with `LISTEN_FDS` for it, otherwise the daemon binds them itself.
///
/// A socket-activated daemon needs no capability at all (systemd bound port 53) and no Landlock right to
/// bind, so which source was used is reported to the privilege plan.
public enum ListenerSource: String, Sendable, CustomStringConvertible {
  /// Bound by the daemon, from `listen`.
  case bound
  /// Passed by the service manager (`LISTEN_FDS`, `LISTEN_PID`, `LISTEN_FDNAMES`).
  case systemd
  /// Taken from the running daemon (`--takeover`).
  case takeover

  public var description: String { rawValue }

  /// Why no listeners could be had.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Phase 1's sockets: the passed ones when there are any for this process, else freshly bound ones.
  ///
  /// The activation variables are removed from the environment either way. Must run while the process has
  /// one thread (`unsetenv` is not thread-safe, and binding port 53 needs the capability the drop removes).
  public static func obtain(
    listen: [ListenAddress], threads: Int, logger: Logger
  ) throws(Failure) -> (sockets: BoundSockets, source: ListenerSource) {
    let passed: [ActivatedDescriptor]
    do {
      passed = try SocketActivation.adoptFromProcessEnvironment()
    } catch {
      throw Failure(description: "socket activation: \(error)")
    }
    if passed.isEmpty {
      do {
        return (try StartupSequence.bindSockets(listen: listen, threads: threads), .bound)
      } catch {
        throw Failure(description: "\(error)")
      }
    }
    do {
      let sockets = try ActivatedListeners.adopt(passed, listen: listen, threads: threads)
      logger.info(
        "listening sockets passed by the service manager",
        metadata: [
          "descriptors": "\(passed.count)", "names": "\(Set(passed.map(\.name)).sorted().joined(separator: ","))",
        ])
      return (sockets, .systemd)
    } catch {
      for descriptor in passed { _ = try? descriptor.descriptor.close() }
      throw Failure(description: "socket activation: \(error)")
    }
  }
}
