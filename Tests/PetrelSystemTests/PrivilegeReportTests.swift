import PetrelSystem
import Testing

@Suite("Parsing /proc status text into privileges")
struct PrivilegeReportTests {
  /// A root shell on a container host (captured; irrelevant lines trimmed).
  static let rootShell = """
    Name:\tbash
    Umask:\t0022
    State:\tS (sleeping)
    Tgid:\t4242
    Pid:\t4242
    PPid:\t1
    Uid:\t0\t0\t0\t0
    Gid:\t0\t0\t0\t0
    FDSize:\t256
    Groups:\t0 1 2 
    CapInh:\t0000000000000000
    CapPrm:\t000001fffeffffff
    CapEff:\t000001fffeffffff
    CapBnd:\t000001fffeffffff
    CapAmb:\t0000000000000000
    NoNewPrivs:\t0
    Seccomp:\t0
    Seccomp_filters:\t0
    Speculation_Store_Bypass:\tvulnerable

    """

  /// The sandboxed probe after its plan, started by setpriv as nobody with ambient cap_net_bind_service.
  static let sandboxedNobody = """
    Name:\tpetrel-sandbox-
    Pid:\t20100
    Uid:\t65534\t65534\t65534\t65534
    Gid:\t65534\t65534\t65534\t65534
    Groups:\t 
    CapInh:\t0000000000000000
    CapPrm:\t0000000000000000
    CapEff:\t0000000000000000
    CapBnd:\t000001fffeffffff
    CapAmb:\t0000000000000000
    NoNewPrivs:\t1
    Seccomp:\t2
    Seccomp_filters:\t1

    """

  /// named after BIND's own privilege drop, as quoted on bind-users (2018), on a kernel before Seccomp_filters.
  static let bindNamed = """
    Name:\tisc-worker0000
    Pid:\t812
    Uid:\t107\t107\t107\t107
    Gid:\t113\t113\t113\t113
    Groups:\t113
    CapInh:\t0000000000000000
    CapPrm:\t0000000001000400
    CapEff:\t0000000001000400
    CapBnd:\t0000003fffffffff
    CapAmb:\t0000000000000000
    NoNewPrivs:\t0
    Seccomp:\t0

    """

  @Test func parsesARootShell() throws {
    let thread = try ThreadPrivileges(parsingStatus: Self.rootShell)
    #expect(thread.name == "bash")
    #expect(thread.threadID == 4242)
    #expect(thread.userIDs == IDQuadruple(all: 0))
    #expect(thread.groupIDs == IDQuadruple(all: 0))
    #expect(thread.supplementaryGroups == [0, 1, 2])
    #expect(thread.permitted.rawValue == 0x1fffeffffff)
    #expect(thread.effective == thread.permitted)
    #expect(!thread.permitted.contains(Capability.sysResource))
    #expect(thread.inheritable.isEmpty && thread.ambient.isEmpty)
    #expect(!thread.noNewPrivileges)
    #expect(thread.seccompMode == .disabled)
    #expect(thread.seccompFilters == 0)
  }

  @Test func parsesTheSandboxedProbe() throws {
    let thread = try ThreadPrivileges(parsingStatus: Self.sandboxedNobody)
    #expect(thread.userIDs == IDQuadruple(all: 65534))
    #expect(thread.groupIDs == IDQuadruple(all: 65534))
    #expect(thread.supplementaryGroups.isEmpty)
    #expect(thread.effective.isEmpty && thread.permitted.isEmpty && thread.inheritable.isEmpty)
    #expect(thread.ambient.isEmpty)
    #expect(thread.bounding == .all(through: .checkpointRestore).subtracting(CapabilitySet([Capability.sysResource])))
    #expect(thread.noNewPrivileges)
    #expect(thread.seccompMode == .filter)
    #expect(thread.seccompFilters == 1)
  }

  @Test func parsesBINDsRetainedCapabilitiesWithoutSeccompFilters() throws {
    let thread = try ThreadPrivileges(parsingStatus: Self.bindNamed)
    #expect(thread.effective.capabilities == [.netBindService, .sysResource])
    #expect(thread.bounding.capabilities.count == 38)
    #expect(thread.supplementaryGroups == [113])
    #expect(thread.seccompFilters == 0)
  }

  @Test func missingAndMalformedFieldsAreTypedErrors() {
    let noCapEff = Self.sandboxedNobody.split(separator: "\n").filter { !$0.hasPrefix("CapEff") }.joined(
      separator: "\n")
    #expect(throws: PrivilegeReportError.missingField("CapEff")) { try ThreadPrivileges(parsingStatus: noCapEff) }
    let badUid = Self.sandboxedNobody.replacingOccurrences("Uid:\t65534\t65534\t65534\t65534", "Uid:\t65534\t65534")
    #expect(throws: PrivilegeReportError.malformedField("Uid", "65534 65534")) {
      try ThreadPrivileges(parsingStatus: badUid)
    }
    let badSeccomp = Self.sandboxedNobody.replacingOccurrences("Seccomp:\t2", "Seccomp:\t7")
    #expect(throws: PrivilegeReportError.malformedField("Seccomp", "7")) {
      try ThreadPrivileges(parsingStatus: badSeccomp)
    }
    let badMask = Self.sandboxedNobody.replacingOccurrences("CapBnd:\t000001fffeffffff", "CapBnd:\tnot-hex")
    #expect(throws: PrivilegeReportError.malformedField("CapBnd", "not-hex")) {
      try ThreadPrivileges(parsingStatus: badMask)
    }
  }

  @Test func describesWhatPetrelctlPrints() throws {
    let process = try ThreadPrivileges(parsingStatus: Self.sandboxedNobody)
    var other = process
    other.threadID = 20101
    let landlock = LandlockReport(
      abi: 7, layers: [.filesystem, .network, .scopes], handledFilesystem: .writeRights(abi: 7),
      handledNetwork: [.bindTCP, .connectTCP], scoped: [.signal, .abstractUnixSocket], tcpConnectPorts: [53, 853],
      tcpBindPorts: [])
    let report = PrivilegeReport(process: process, threads: [process, other], landlock: landlock)
    let lines = report.description.split(separator: "\n").map(String.init)
    #expect(lines.contains("uid:          real=65534 effective=65534 saved=65534 fs=65534"))
    #expect(lines.contains("groups:       none"))
    #expect(lines.contains("effective:    0000000000000000 (none)"))
    #expect(lines.contains("ambient:      0000000000000000 (none)"))
    #expect(lines.contains("no_new_privs: 1"))
    #expect(lines.contains("seccomp:      filter (1 filter)"))
    #expect(lines.contains("threads:      2 (all alike)"))
    #expect(
      lines.contains {
        $0.hasPrefix("landlock:     ABI 7; denied writes: write_file,") && $0.contains("tcp connect only to 53,853")
          && $0.contains("scoped: abstract_unix_socket,signal")
      })
    #expect(report.threadsAgree)
  }

  @Test func threadsThatDifferAreNamed() throws {
    let process = try ThreadPrivileges(parsingStatus: Self.sandboxedNobody)
    var straggler = process
    straggler.threadID = 20102
    straggler.seccompMode = .disabled
    let report = PrivilegeReport(process: process, threads: [process, straggler], landlock: nil)
    #expect(!report.threadsAgree)
    #expect(report.description.contains("threads:      2 (differ: [20102])"))
    #expect(report.description.contains("landlock:     not recorded"))
  }

  @Test func readsTheRunningProcess() throws {
    let report = try PrivilegeReport.current()
    // The test runner has several threads; each has a status file with the same credentials.
    #expect(!report.threads.isEmpty)
    #expect(report.threads.allSatisfy { $0.userIDs == report.process.userIDs })
  }
}

extension String {
  fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
    let parts = self.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      line.hasPrefix(target) ? replacement + line.dropFirst(target.count) : String(line)
    }
    return parts.joined(separator: "\n")
  }
}
