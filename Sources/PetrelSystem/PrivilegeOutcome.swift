public import SystemPackage

/// One step of a `PrivilegePlan`, named for error messages and logs.
public enum PrivilegePlanStep: String, Hashable, Sendable {
  case changeRoot = "chroot"
  case keepCapabilities = "prctl(PR_SET_KEEPCAPS)"
  case setGroups = "setgroups"
  case setGroupIDs = "setresgid"
  case setUserIDs = "setresuid"
  case boundingSet = "prctl(PR_CAPBSET_DROP)"
  case ambientSet = "prctl(PR_CAP_AMBIENT_CLEAR_ALL)"
  case capabilities = "capset"
  case noNewPrivileges = "prctl(PR_SET_NO_NEW_PRIVS)"
  case seccomp = "seccomp(SECCOMP_SET_MODE_FILTER)"
}

/// A check on the read-back report that did not hold: which thread, which field, what was found and wanted.
public struct PrivilegeExpectationFailure: Hashable, Sendable, CustomStringConvertible {
  public var threadID: Int32
  public var field: String
  public var found: String
  public var expected: String

  public var description: String { "thread \(threadID): \(field) is \(found), expected \(expected)" }
}

/// Why a `PrivilegePlan` did not complete; the daemon refuses to serve on any of these.
public enum PrivilegePlanError: Error, Hashable, Sendable, CustomStringConvertible {
  case lookup(AccountLookupError)
  case failed(PrivilegePlanStep, Errno)
  case rootNotGone(RootRegainProof)
  case landlock(LandlockError)
  case report(PrivilegeReportError)
  case unmetExpectations([PrivilegeExpectationFailure])

  public var description: String {
    switch self {
    case .lookup(let error): "privilege plan: \(error)"
    case .failed(let step, let error): "privilege plan: \(step.rawValue) failed: \(error)"
    case .rootNotGone(let proof): "privilege plan: root can be regained: \(proof)"
    case .landlock(let error): "privilege plan: \(error)"
    case .report(let error): "privilege plan: \(error)"
    case .unmetExpectations(let failures):
      "privilege plan: " + failures.map(\.description).joined(separator: "; ")
    }
  }
}

/// What a `PrivilegePlan` did and what the kernel reports afterwards, for the daemon's log line.
public struct PrivilegeOutcome: Hashable, Sendable, CustomStringConvertible {
  /// The user and group IDs switched to, when started as root.
  public var userID: UInt32?
  public var groupID: UInt32?
  /// The proof taken right after setresuid, when started as root.
  public var rootProof: RootRegainProof?
  public var boundingSet: BoundingSetDrop
  public var landlock: LandlockReport?
  /// Length of the installed seccomp filter, if one was installed.
  public var seccompInstructions: Int?
  public var report: PrivilegeReport

  init(
    switchedTo ids: (UInt32, UInt32)?, rootProof: RootRegainProof?, boundingSet: BoundingSetDrop,
    landlock: LandlockReport?, seccompInstructions: Int?, report: PrivilegeReport
  ) {
    self.userID = ids?.0
    self.groupID = ids?.1
    self.rootProof = rootProof
    self.boundingSet = boundingSet
    self.landlock = landlock
    self.seccompInstructions = seccompInstructions
    self.report = report
  }

  /// One line for the log.
  public var description: String {
    let process = report.process
    var parts = [
      "uid \(process.userIDs.real) gid \(process.groupIDs.real)",
      "groups \(process.supplementaryGroups.isEmpty ? "none" : process.supplementaryGroups.map(String.init).joined(separator: ","))",
      "capabilities none",
      "\(boundingSet)",
      "no_new_privs \(process.noNewPrivileges ? 1 : 0)",
    ]
    if let landlock { parts.append("\(landlock)") }
    if let seccompInstructions { parts.append("seccomp filter (\(seccompInstructions) instructions)") }
    return parts.joined(separator: "; ")
  }

  /// Every way the report (each thread of it) differs from what the plan demanded.
  func unmetExpectations(finalProof: RootRegainProof) -> [PrivilegeExpectationFailure] {
    var failures: [PrivilegeExpectationFailure] = []
    let threads = report.threads.isEmpty ? [report.process] : report.threads
    for thread in threads {
      func expect(_ holds: Bool, _ field: String, _ found: @autoclosure () -> String, _ expected: String) {
        if !holds {
          failures.append(.init(threadID: thread.threadID, field: field, found: found(), expected: expected))
        }
      }
      if let userID {
        expect(thread.userIDs == IDQuadruple(all: userID), "Uid", "\(thread.userIDs)", "all \(userID)")
      }
      if let groupID {
        expect(thread.groupIDs == IDQuadruple(all: groupID), "Gid", "\(thread.groupIDs)", "all \(groupID)")
        expect(thread.supplementaryGroups.isEmpty, "Groups", "\(thread.supplementaryGroups)", "none")
      }
      expect(!thread.userIDs.all.contains(0), "Uid", "\(thread.userIDs)", "no 0")
      for (name, set) in [
        ("CapInh", thread.inheritable), ("CapPrm", thread.permitted), ("CapEff", thread.effective),
        ("CapAmb", thread.ambient),
      ] {
        expect(set.isEmpty, name, set.hexMask, "0")
      }
      switch boundingSet {
      case .emptied: expect(thread.bounding.isEmpty, "CapBnd", thread.bounding.hexMask, "0")
      case .refused(let remaining, _):
        expect(thread.bounding == remaining, "CapBnd", thread.bounding.hexMask, remaining.hexMask)
      }
      expect(thread.noNewPrivileges, "NoNewPrivs", "0", "1")
      if seccompInstructions != nil {
        expect(thread.seccompMode == .filter, "Seccomp", "\(thread.seccompMode.rawValue)", "2")
        expect(thread.seccompFilters >= 1, "Seccomp_filters", "\(thread.seccompFilters)", "at least 1")
      }
    }
    if !finalProof.rootIsGone {
      failures.append(
        .init(threadID: report.process.threadID, field: "root", found: "\(finalProof)", expected: "EPERM"))
    }
    return failures
  }
}
