public import Logging
public import PetrelSystem

/// Steps 3–6 of the start-up order, run once at the seam between binding and serving: check that the process
/// still has one thread, build the privilege plan from configuration, check that the kernel has the Landlock
/// layers demanded and that a chroot holds a `proc`, apply the plan, log one line with what the kernel now
/// reports, and warn about every file a `reload` could no longer read.
///
/// Every refusal is logged at `critical` with its reason and ends start-up: a daemon that was asked for a
/// sandbox and could not get it does not serve.
public enum PrivilegeDrop {
  /// Applies the plan for `configuration`; returns the outcome, or nil after logging why the daemon must not
  /// serve.
  ///
  /// - Parameters:
  ///   - configurationFile: the file the configuration came from, checked for readability afterwards.
  ///   - sockets: the listening sockets of phase 1; their TCP ports are the only ones Landlock lets bind.
  ///   - socketActivated: the sockets came from systemd, so nothing needs binding later.
  ///   - preflight: how the kernel's Landlock ABI is learnt (tests pass another probe).
  public static func perform(
    configuration: ServerConfiguration, configurationFile: String?, sockets: BoundSockets, socketActivated: Bool,
    logger: Logger, preflight: LandlockPreflight = LandlockPreflight()
  ) -> PrivilegeOutcome? {
    do {
      let threads = try ThreadCount.current()
      guard threads == 1 else {
        logger.critical(
          """
          refusing to drop privileges: the process already has \(threads) threads, which would keep them \
          (capabilities, Landlock and seccomp are per thread)
          """)
        return nil
      }
    } catch {
      logger.critical("refusing to drop privileges: \(error)")
      return nil
    }

    let privileges: DaemonPrivileges
    do {
      privileges = try DaemonPrivileges(
        configuration: configuration, startedAsRoot: DaemonPrivileges.processHasRoot,
        listenTCPPorts: sockets.addresses.map(\.tcp.port), socketActivated: socketActivated)
    } catch {
      logger.critical("cannot drop privileges: \(error)")
      return nil
    }
    for warning in privileges.warnings { logger.warning("\(warning)") }
    for notice in privileges.notices { logger.notice("\(notice)") }

    do {
      try preflight.check(privileges.sandbox)
      if let chroot = configuration.chroot { try ChrootPreflight.check(chroot) }
    } catch {
      logger.critical("refusing to start: \(error)")
      return nil
    }

    let outcome: PrivilegeOutcome
    do {
      outcome = try privileges.plan.apply()
    } catch {
      logger.critical("refusing to start: \(error)")
      return nil
    }
    logger.notice("privileges dropped: \(outcome)", metadata: ["sandbox": "\(privileges.sandbox)"])

    let files = ReloadReadability.files(configurationFile: configurationFile, configuration: configuration)
    for (path, reason) in ReloadReadability.unreadable(files) {
      logger.warning("a reload will not be able to read \(path) now that privileges are dropped: \(reason)")
    }
    return outcome
  }
}
