import Glibc
public import Logging
public import PetrelControl
public import PetrelResolver
import PetrelSystem
import SystemPackage

/// A new daemon's takeover, as start-up calls it: ``begin(controlSocketPath:listen:threads:transfer:logger:)``
/// in phase 2 instead of binding, ``loadSnapshot(of:into:clock:logger:)`` after the privilege drop, and
/// `finish` once serving. Kept apart from `PetrelDaemon` so that start-up gains a few calls, not the protocol.
public enum DaemonTakeover {
  /// What phase 2 yields for a new daemon: its listeners and control socket, and the takeover to finish.
  public struct Start: Sendable {
    public var pending: PendingTakeover
    /// Taken-over listeners for the configured addresses, and freshly bound ones for the rest.
    public var sockets: BoundSockets
    /// The running daemon's control socket, when it had one.
    public var controlSocket: BoundControlSocket?
  }

  /// Why phase 2 of a takeover failed; the new daemon exits non-zero with it, the running one goes on.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// Takes over the listeners and control socket of the daemon answering on `controlSocketPath`, keeps those
  /// `listen` still names, binds what it names and nobody offered, and closes the rest.
  public static func begin(
    controlSocketPath: String, listen: [ListenAddress], threads: Int, transfer: DescriptorTransfer, logger: Logger
  ) throws(Failure) -> Start {
    let pending: PendingTakeover
    do {
      pending = try TakeoverClient(socketPath: controlSocketPath, transfer: transfer).start(logger: logger)
    } catch {
      throw Failure(description: "\(error)")
    }
    let plan = ListenerReconciliation(offered: pending.descriptors.addresses, configured: listen)
    for address in plan.dropped {
      logger.notice(
        "takeover: no longer listening on \(ListenAddress(host: address.host, port: Int(address.port)))",
        metadata: ["reason": "not in the configuration"])
      for socket in address.udp + [address.tcp] { socket.close() }
    }
    var addresses = plan.kept
    if !plan.unoffered.isEmpty {
      do {
        addresses += try StartupSequence.bindSockets(listen: plan.unoffered, threads: threads).addresses
      } catch {
        pending.abort(reason: "cannot bind \(plan.unoffered): \(error)")
        BoundSockets(addresses: addresses, threads: 1).close()
        if let control = pending.descriptors.controlSocket { try? control.close() }
        throw Failure(description: "\(error)")
      }
    }
    var controlSocket: BoundControlSocket? = nil
    if let descriptor = pending.descriptors.controlSocket {
      do {
        controlSocket = try BoundControlSocket.adopting(descriptor, path: controlSocketPath)
      } catch {
        pending.abort(reason: "the control socket: \(error)")
        BoundSockets(addresses: addresses, threads: 1).close()
        try? descriptor.close()
        throw Failure(description: "the running daemon's control socket: \(error)")
      }
    }
    return Start(
      pending: pending, sockets: BoundSockets(addresses: addresses, threads: max(1, threads)),
      controlSocket: controlSocket)
  }

  /// Whether a start-up with `takeover: true` in the configuration takes over: when a daemon answers on the
  /// control socket. One that cannot be reached for any other reason than its absence (a permission
  /// problem, a refusal) counts as answering, so that the takeover attempt reports what is wrong instead of a
  /// second daemon failing to bind.
  public static func daemonAnswers(controlSocketPath: String) -> Bool {
    do {
      _ = try ControlClient(socketPath: controlSocketPath, timeout: .seconds(5)).send(ControlRequest(.ping))
      return true
    } catch .daemonNotRunning {
      return false
    } catch {
      return true
    }
  }

  /// Decodes the snapshot the running daemon sent into `caches`. Called after the privilege drop: the bytes
  /// come from another process. A snapshot that cannot be read leaves the caches empty; that loses no query.
  public static func loadSnapshot(
    of pending: PendingTakeover, into caches: ResolverCaches, clock: any ResolverClock, logger: Logger
  ) {
    do {
      let started = ContinuousClock.now
      guard let snapshot = try pending.snapshot() else {
        logger.notice("takeover: no cache snapshot came; starting with empty caches")
        return
      }
      let result = snapshot.load(into: caches, now: clock.now())
      logger.notice(
        "takeover: cache snapshot loaded",
        metadata: [
          "records": "\(result.records)", "denials": "\(result.denials)", "skipped": "\(result.skipped)",
          "bytes": "\(pending.snapshotBytes?.count ?? 0)", "age-seconds": "\(max(0, clock.now() - snapshot.takenAt))",
          "decode-and-load": "\(ContinuousClock.now - started)",
        ])
    } catch {
      logger.warning("takeover: cache snapshot not loaded, starting with empty caches: \(error)")
    }
  }
}
