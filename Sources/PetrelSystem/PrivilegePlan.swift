public import SystemPackage

/// The sandbox layers a plan applies after the capabilities are gone.
public struct SandboxLayers: OptionSet, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  public static let landlock = Self(rawValue: 1 << 0)
  public static let seccomp = Self(rawValue: 1 << 1)

  public var description: String {
    let present = [(Self.landlock, "landlock"), (Self.seccomp, "seccomp")].filter { contains($0.0) }
    return present.isEmpty ? "none" : present.map(\.1).joined(separator: ",")
  }
}

/// Steps 3–6 of the daemon's start-up as one value built from configuration and applied once, before any
/// thread exists: chroot, switch user, prove root is gone, shed every capability, no_new_privs, Landlock,
/// seccomp, then read back what the kernel reports and check it against what was asked.
public struct PrivilegePlan: Hashable, Sendable {
  /// User and group to become when started as root (ignored otherwise: the service manager chose them).
  public var user: String
  public var group: String
  /// Directory to chroot into, if any (needs CAP_SYS_CHROOT).
  public var chrootPath: FilePath?
  public var sandbox: SandboxLayers
  /// TCP ports Landlock lets the process connect to and bind.
  public var tcpConnectPorts: [UInt16]
  public var tcpBindPorts: [UInt16]
  /// Landlock layers whose absence from the kernel fails the plan.
  public var requiredLandlockLayers: LandlockLayers
  /// Install seccomp with TSYNC, for callers that already have threads.
  public var synchronizeSeccompAcrossThreads: Bool

  public init(
    user: String, group: String, chrootPath: FilePath? = nil, sandbox: SandboxLayers = [.landlock, .seccomp],
    tcpConnectPorts: [UInt16] = [53, 853], tcpBindPorts: [UInt16] = [],
    requiredLandlockLayers: LandlockLayers = .filesystem, synchronizeSeccompAcrossThreads: Bool = false
  ) {
    self.user = user
    self.group = group
    self.chrootPath = chrootPath
    self.sandbox = sandbox
    self.tcpConnectPorts = tcpConnectPorts
    self.tcpBindPorts = tcpBindPorts
    self.requiredLandlockLayers = requiredLandlockLayers
    self.synchronizeSeccompAcrossThreads = synchronizeSeccompAcrossThreads
  }

  /// Applies the plan to the calling process. Irreversible; call once, before creating any thread.
  public func apply() throws(PrivilegePlanError) -> PrivilegeOutcome {
    let startedAsRoot = Credentials.userIDs().hasRoot
    var identity: (user: UserAccount, group: GroupAccount)? = nil
    if startedAsRoot {
      // Resolve names before a chroot hides /etc/passwd and /etc/group.
      do {
        identity = (try Credentials.user(named: user), try Credentials.group(named: group))
      } catch {
        throw .lookup(error)
      }
    }
    if let chrootPath {
      try step(.changeRoot) { () throws(Errno) in try ProcessControl.changeRoot(to: chrootPath) }
    }

    var proofAfterSwitch: RootRegainProof? = nil
    if let identity {
      // Keep the permitted set across setresuid so CAP_SETPCAP can still empty the bounding set.
      try step(.keepCapabilities) { () throws(Errno) in try ProcessControl.setKeepCapabilities(true) }
      try step(.setGroups) { () throws(Errno) in try Credentials.setSupplementaryGroups([]) }
      try step(.setGroupIDs) { () throws(Errno) in try Credentials.setGroupIDs(identity.group.groupID) }
      try step(.setUserIDs) { () throws(Errno) in try Credentials.setUserIDs(identity.user.userID) }
      let proof = Credentials.proveRootIsGone()
      guard proof.rootIsGone else { throw .rootNotGone(proof) }
      proofAfterSwitch = proof
      try step(.capabilities) { () throws(Errno) in
        let kept = try Capabilities.current()
        if kept.permitted.contains(Capability.setpcap) {
          try Capabilities.set(
            CapabilityState(
              effective: CapabilitySet([Capability.setpcap]), permitted: kept.permitted, inheritable: kept.inheritable))
        }
      }
      try step(.keepCapabilities) { () throws(Errno) in try ProcessControl.setKeepCapabilities(false) }
    }

    let bounding = try step(.boundingSet) { () throws(Errno) in try Capabilities.emptyBoundingSet() }
    try step(.ambientSet) { () throws(Errno) in try Capabilities.clearAmbientSet() }
    try step(.capabilities) { () throws(Errno) in try Capabilities.clearAll() }
    try step(.noNewPrivileges) { () throws(Errno) in try ProcessControl.setNoNewPrivileges() }

    var landlock: LandlockReport? = nil
    if sandbox.contains(.landlock) {
      let policy = LandlockPolicy(
        tcpConnectPorts: tcpConnectPorts, tcpBindPorts: tcpBindPorts, required: requiredLandlockLayers)
      do {
        landlock = try Landlock.apply(policy)
      } catch {
        throw .landlock(error)
      }
    }
    var seccompInstructions: Int? = nil
    if sandbox.contains(.seccomp) {
      let filter = SeccompPolicy.filter()
      try step(.seccomp) { () throws(Errno) in
        try Seccomp.install(filter, synchronizingThreads: synchronizeSeccompAcrossThreads)
      }
      seccompInstructions = filter.count
    }

    let report: PrivilegeReport
    do {
      report = try PrivilegeReport.current(landlock: landlock)
    } catch {
      throw .report(error)
    }
    let outcome = PrivilegeOutcome(
      switchedTo: identity.map { ($0.user.userID, $0.group.groupID) }, rootProof: proofAfterSwitch,
      boundingSet: bounding, landlock: landlock, seccompInstructions: seccompInstructions, report: report)
    let failures = outcome.unmetExpectations(finalProof: Credentials.proveRootIsGone())
    guard failures.isEmpty else { throw .unmetExpectations(failures) }
    return outcome
  }

  private func step<T>(_ step: PrivilegePlanStep, _ body: () throws(Errno) -> T) throws(PrivilegePlanError) -> T {
    do {
      return try body()
    } catch {
      throw .failed(step, error)
    }
  }
}

extension ResolvedIDs {
  var hasRoot: Bool { real == 0 || effective == 0 || saved == 0 }
}
