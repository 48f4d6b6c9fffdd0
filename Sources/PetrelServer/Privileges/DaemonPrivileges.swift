public import PetrelSystem
import SystemPackage

/// What the daemon will drop to: the privilege plan built from configuration and from how the process was
/// started, with the things an operator must be told about it — decided before anything is applied.
///
/// Pure apart from the account lookup, so the rules (who to become, which ports Landlock lets through) are
/// tested without a process. `PrivilegeDrop` applies the plan at the seam between the two start-up phases.
public struct DaemonPrivileges: Sendable {
  /// Steps 3–6 of the start-up order as one value.
  public var plan: PrivilegePlan
  public var sandbox: SandboxSelection
  /// The account switched to, when started as root.
  public var account: DropAccount?
  /// Things the operator must see at `warning` level: an unprivileged default account, no sandbox.
  public var warnings: [String]
  /// Things worth a `notice`: settings that do not apply to how the daemon was started.
  public var notices: [String]

  /// The TCP ports every resolver connects to: DNS (53) and DNS over TLS (853).
  public static let standardUpstreamPorts: [UInt16] = [53, 853]

  /// Builds the plan for `configuration`.
  ///
  /// - Parameters:
  ///   - startedAsRoot: any of the real, effective or saved user IDs is 0 (the plan then switches user).
  ///   - listenTCPPorts: the ports of the TCP listening sockets; Landlock allows binding only these.
  ///   - socketActivated: the listening sockets came from systemd; then no TCP bind is allowed at all.
  public init(
    configuration: ServerConfiguration, startedAsRoot: Bool, listenTCPPorts: [UInt16], socketActivated: Bool
  ) throws(DropAccount.Failure) {
    sandbox = SandboxSelection(names: configuration.sandbox)
    warnings = []
    notices = []
    if startedAsRoot {
      let account = try DropAccount(user: configuration.user, group: configuration.group)
      if account.isDefault {
        warnings.append(
          "started as root with no user configured: dropping to \(account) (an account other services share); "
            + "set privileges.user to an account of the daemon's own")
      }
      self.account = account
    } else {
      account = nil
      for (key, value) in [("user", configuration.user), ("group", configuration.group)] {
        if let value {
          notices.append("privileges.\(key) \(value) ignored: not started as root, the starting credentials stay")
        }
      }
    }
    if sandbox.isOff {
      warnings.append(
        "SANDBOX OFF: no Landlock, no seccomp; privileges are still dropped, but a compromised daemon may "
          + "write any file its user may and make any system call")
    }
    let connectPorts = Set(Self.standardUpstreamPorts + Self.forwardPorts(configuration))
    plan = PrivilegePlan(
      user: account?.user ?? DropAccount.defaultUser, group: account?.group ?? DropAccount.defaultUser,
      chrootPath: configuration.chroot.map { FilePath($0) }, sandbox: sandbox.layers,
      tcpConnectPorts: connectPorts.sorted(),
      tcpBindPorts: socketActivated ? [] : Set(listenTCPPorts).sorted(),
      requiredLandlockLayers: sandbox.requiredLandlock, synchronizeSeccompAcrossThreads: false)
  }

  /// The ports of every forwarder the configuration names.
  static func forwardPorts(_ configuration: ServerConfiguration) -> [UInt16] {
    configuration.resolver.forwardZones.values.flatMap { $0.map(\.port) }
  }

  /// Whether this process holds root in any of its user IDs, as `PrivilegePlan` decides it.
  public static var processHasRoot: Bool {
    let ids = Credentials.userIDs()
    return ids.real == 0 || ids.effective == 0 || ids.saved == 0
  }
}
