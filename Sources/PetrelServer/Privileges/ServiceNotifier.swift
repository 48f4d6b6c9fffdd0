public import Logging
public import PetrelSystem

/// The daemon's side of `Type=notify`: `READY=1` with a `STATUS=` line once it serves, `STOPPING=1` when it
/// begins to stop, written straight to `$NOTIFY_SOCKET`.
///
/// The socket is connected in phase 1, before the sandbox, so that notifications still reach the service
/// manager from inside Landlock's abstract-socket scope (see `ConnectedSystemdNotifier`). Without
/// `$NOTIFY_SOCKET` (not started by systemd) every call does nothing. A notification that cannot be delivered
/// is logged, never fatal: the daemon serves either way.
public struct ServiceNotifier: Sendable {
  private let connection: ConnectedSystemdNotifier?
  private let logger: Logger

  /// Connects to `$NOTIFY_SOCKET`, if it is set.
  public static func connect(logger: Logger) -> ServiceNotifier {
    do {
      guard let notifier = try SystemdNotifier.fromProcessEnvironment() else {
        return ServiceNotifier(connection: nil, logger: logger)
      }
      return ServiceNotifier(connection: try ConnectedSystemdNotifier(connectingTo: notifier), logger: logger)
    } catch {
      logger.warning("cannot reach the service manager's notification socket", metadata: ["reason": "\(error)"])
      return ServiceNotifier(connection: nil, logger: logger)
    }
  }

  /// `READY=1` and `STATUS=<status>`.
  public func ready(status: String) {
    guard let connection else { return }
    do {
      try connection.ready(status: status)
    } catch {
      logger.warning("cannot notify systemd", metadata: ["reason": "\(error)"])
    }
  }

  /// `STOPPING=1` and `STATUS=stopping`.
  public func stopping() {
    guard let connection else { return }
    do {
      try connection.stopping(status: "stopping")
    } catch {
      logger.warning("cannot notify systemd", metadata: ["reason": "\(error)"])
    }
  }

  /// `MAINPID=<pid>`: after a takeover, the new daemon is the service's main process (systemd accepts it from
  /// the main process for a process in the service's cgroup).
  public func mainProcess(_ pid: Int32) {
    guard let connection else { return }
    do {
      try connection.mainPID(pid)
    } catch {
      logger.warning("cannot notify systemd", metadata: ["reason": "\(error)"])
    }
  }

  /// The `STATUS=` text once serving: where, as whom, inside what.
  public static func servingStatus(sockets: BoundSockets, source: ListenerSource, outcome: PrivilegeOutcome) -> String {
    let addresses = sockets.addresses.map { "\(ListenAddress(host: $0.host, port: Int($0.port)))" }
    let process = outcome.report.process
    var sandbox: [String] = []
    if let landlock = outcome.landlock, landlock.abi > 0, !landlock.layers.isEmpty {
      sandbox.append("landlock ABI \(landlock.abi)")
    }
    if outcome.seccompInstructions != nil { sandbox.append("seccomp") }
    return "serving on \(addresses.joined(separator: " ")) (\(source) sockets) as uid \(process.userIDs.real) "
      + "gid \(process.groupIDs.real), no capabilities, sandbox \(sandbox.isEmpty ? "off" : sandbox.joined(separator: "+"))"
  }
}
