import Glibc
import PetrelDNS
import PetrelServer
import PetrelSystem
import Testing

/// The real `petreld`, twice: a running daemon and a successor started with `--takeover`, resolving from a
/// lab authority on loopback. Root only (the authority serves on port 53, the daemons switch users).
@Suite(
  .serialized,
  .enabled(if: Products.available, "needs root, setpriv, and petreld and petrel-test-authority built (swift build)"))
struct PetreldTakeoverTests {
  static let cached = IPv4Address(192, 0, 2, 10)
  static let other = IPv4Address(192, 0, 2, 11)

  /// A lab authority and the shared setup of one test's daemons.
  struct Lab {
    let directory: TemporaryDirectory
    let authority: LabAuthority
    let setup: PetreldProcess.Setup

    init(takeoverKey: Bool = false) throws {
      directory = try TemporaryDirectory()
      let (authorityAddress, resolverAddress) = LabAddresses.allocate()
      authority = try LabAuthority(address: authorityAddress, directory: directory)
      setup = try PetreldProcess.Setup(
        directory: directory, address: resolverAddress, authority: authority, takeoverKey: takeoverKey)
    }

    /// Starts a successor with `--takeover` and waits until it has taken over (or exited).
    func successor(
      _ label: String, start: PetreldProcess.Start = .root, extra: [String] = []
    ) throws -> PetreldProcess {
      let new = try PetreldProcess(
        setup, label: label, start: start, extra: ["--takeover"] + extra, waitUntilServing: false)
      _ = waitUntil {
        new.log.contains("takeover complete") || (try? new.child.process.waitForExit(timeout: .zero)) == true
      }
      return new
    }
  }

  @Test(arguments: [DescriptorTransfer.automatic, .socketRights])
  func aRootStartedSuccessorTakesEverySocketAndTheCache(transfer: DescriptorTransfer) throws {
    let lab = try Lab()
    defer { lab.authority.stop() }
    let old = try PetreldProcess(lab.setup, label: "old")
    #expect(try old.probe().address(of: "cached.takeover.") == Self.cached)
    let upstream = lab.authority.queries(for: "cached.takeover.")
    #expect(upstream >= 1)

    let new = try lab.successor("new", extra: ["--takeover-transfer", transfer.rawValue])
    #expect(new.log.contains("takeover complete"), "\(new.log)")
    #expect(old.child.waitForExit() == 0, "the old daemon must drain and exit 0:\n\(old.log)")
    let path = transfer == .automatic ? "pidfd_getfd" : "scm-rights"
    #expect(new.log.contains("took 7 descriptors from pid \(old.pid) with \(path)"), "\(new.log)")
    #expect(old.log.contains("handed over; draining"))
    // The new daemon's watch thread notices the exit through the pidfd and logs it a moment later.
    #expect(
      waitUntil(bound: .seconds(10)) { new.log.contains("the previous daemon (pid \(old.pid)) exited") }, "\(new.log)")

    // Every listener is the new daemon's now, and the cached name comes from the cache it took over.
    for ipv6 in [false, true] {
      for transport in [DNSProbe.Transport.udp, .tcp] {
        #expect(try new.probe(ipv6: ipv6).address(of: "cached.takeover.", over: transport) == Self.cached)
      }
    }
    #expect(lab.authority.queries(for: "cached.takeover.") == upstream, "a cached name was asked upstream again")
    #expect(try new.probe().address(of: "other.takeover.") == Self.other)
    #expect(new.child.stop() == 0)
  }

  @Test func aSuccessorWithoutPtraceAccessHasTheDescriptorsSent() throws {
    // The running daemon switched from root to nobody, so it is not dumpable; a successor started directly as
    // nobody has no CAP_SYS_PTRACE: pidfd_getfd fails with EPERM, and SCM_RIGHTS carries the descriptors.
    let lab = try Lab()
    defer { lab.authority.stop() }
    let old = try PetreldProcess(lab.setup, label: "old")
    #expect(try old.probe().address(of: "cached.takeover.") == Self.cached)
    let upstream = lab.authority.queries(for: "cached.takeover.")

    let new = try lab.successor("new", start: .nobody)
    #expect(old.child.waitForExit() == 0, "\(old.log)")
    #expect(new.log.contains("pidfd_getfd refused, asking for SCM_RIGHTS: EPERM"), "\(new.log)")
    #expect(new.log.contains("this process lacks CAP_SYS_PTRACE"))
    #expect(new.log.contains("with scm-rights"))
    #expect(old.log.contains("takeover: sending 7 descriptors with SCM_RIGHTS (EPERM"))
    #expect(try new.probe(ipv6: true).address(of: "cached.takeover.") == Self.cached)
    #expect(lab.authority.queries(for: "cached.takeover.") == upstream)
    #expect(new.child.stop() == 0)
  }

  @Test func twoDaemonsOfTheServiceUserUsePidfdWithoutAnyPrivilege() throws {
    // Started as nobody (as systemd's User= does), the running daemon never switched user and stays dumpable.
    let lab = try Lab()
    defer { lab.authority.stop() }
    let old = try PetreldProcess(lab.setup, label: "old", start: .nobody)
    #expect(try old.probe().address(of: "cached.takeover.") == Self.cached)
    let new = try lab.successor("new", start: .nobody)
    #expect(old.child.waitForExit() == 0, "\(old.log)")
    #expect(new.log.contains("took 7 descriptors from pid \(old.pid) with pidfd_getfd"), "\(new.log)")
    #expect(try new.probe().address(of: "cached.takeover.", over: .tcp) == Self.cached)
    #expect(new.child.stop() == 0)
  }

  @Test func aSuccessorThatDiesBeforeReadyLeavesTheDaemonServing() throws {
    let lab = try Lab()
    defer { lab.authority.stop() }
    let old = try PetreldProcess(lab.setup, label: "old")
    let failed = try lab.successor("failing", extra: ["--takeover-test-fail-before-ready"])
    #expect(failed.child.waitForExit() == TakeoverTestHooks.failBeforeReadyStatus)
    #expect(waitUntil { old.log.contains("takeover given up, still serving") }, "\(old.log)")
    #expect((try? old.child.process.waitForExit(timeout: .zero)) == false, "the old daemon must still run")
    for transport in [DNSProbe.Transport.udp, .tcp] {
      #expect(try old.probe().address(of: "cached.takeover.", over: transport) == Self.cached)
    }
    // Nothing is left over: the next takeover succeeds.
    let new = try lab.successor("new")
    #expect(old.child.waitForExit() == 0)
    #expect(new.log.contains("takeover complete"))
    #expect(new.child.stop() == 0)
  }

  @Test func aMisdescribedSocketEndsTheTakeoverAndTheDaemonGoesOn() throws {
    let lab = try Lab()
    defer { lab.authority.stop() }
    let old = try PetreldProcess(lab.setup, label: "old", extra: ["--takeover-test-misdescribe"])
    let new = try lab.successor("new")
    #expect(new.child.waitForExit() == 1)
    #expect(new.log.contains("descriptor mismatch: dns-udp \(lab.setup.address):\(lab.setup.port &+ 1)"), "\(new.log)")
    #expect(new.log.contains("port \(lab.setup.port), described as \(lab.setup.port &+ 1)"))
    #expect(waitUntil { old.log.contains("aborted: by the new daemon: descriptor mismatch") }, "\(old.log)")
    #expect(try old.probe().address(of: "cached.takeover.") == Self.cached)
    #expect(old.child.stop() == 0)
  }

  @Test func everyQuerySentThroughoutTheTakeoverIsAnswered() async throws {
    let lab = try Lab()
    defer { lab.authority.stop() }
    let old = try PetreldProcess(lab.setup, label: "old")
    #expect(try old.probe().address(of: "cached.takeover.") == Self.cached)
    // UDP without retries (a lost datagram is a failure), and TCP with a new connection for each query.
    let udp = QueryLoop(probe: DNSProbe(host: lab.setup.address, port: lab.setup.port, attempts: 1)) { _ in
      "cached.takeover."
    }
    let tcp = QueryLoop(probe: DNSProbe(host: "::1", port: lab.setup.port), transport: .tcp) { _ in
      "cached.takeover."
    }
    let udpRun = Task { try await onOwnThread { udp.run(maximum: 100_000) } }
    let tcpRun = Task { try await onOwnThread { tcp.run(maximum: 100_000) } }
    try await udp.waitForAnswers(from: Self.cached, count: 100)
    try await tcp.waitForAnswers(from: Self.cached, count: 20)

    let new = try await onOwnThread { try lab.successor("new") }
    #expect(await onOwnThreadValue { old.child.waitForExit() } == 0)
    let sentAtHandOver = (udp.current.sent, tcp.current.sent)
    try await udp.waitForAnswers(from: Self.cached, count: sentAtHandOver.0 + 100)
    try await tcp.waitForAnswers(from: Self.cached, count: sentAtHandOver.1 + 20)
    udp.stop()
    tcp.stop()
    let (udpResult, tcpResult) = (try await udpRun.value, try await tcpRun.value)
    #expect(udpResult.unanswered == 0, "\(udpResult.unanswered) of \(udpResult.sent) UDP queries got no answer")
    #expect(tcpResult.unanswered == 0, "\(tcpResult.unanswered) of \(tcpResult.sent) TCP queries got no answer")
    #expect(new.log.contains("takeover complete"))
    #expect(new.child.stop() == 0)
  }

  @Test func anOpenTCPConnectionIsDrainedNotCut() throws {
    let lab = try Lab()
    defer { lab.authority.stop() }
    let old = try PetreldProcess(lab.setup, label: "old")
    let session = try TCPSession(host: lab.setup.address, port: lab.setup.port)
    #expect(try session.address(of: "cached.takeover.") == Self.cached)
    let new = try lab.successor("new")
    #expect(new.log.contains("takeover complete"))
    // The old daemon drains: it still answers on the connection it accepted, and waits for it to close.
    #expect(try session.address(of: "other.takeover.") == Self.other)
    #expect((try? old.child.process.waitForExit(timeout: .zero)) == false)
    session.close()
    #expect(old.child.waitForExit() == 0, "\(old.log)")
    #expect(old.log.contains("cut-tcp-connections=0"), "\(old.log)")
    #expect(new.child.stop() == 0)
  }

  @Test func inTheBackgroundTheLauncherReportsTheOutcome() throws {
    let lab = try Lab()
    defer { lab.authority.stop() }
    let old = try PetreldProcess(lab.setup, label: "old")
    let launcher = try PetreldProcess(
      lab.setup, label: "launcher", extra: ["--takeover", "--background"], waitUntilServing: false)
    #expect(launcher.child.waitForExit() == 0, "\(launcher.log)")
    // The launcher exited 0 only once its child had taken over; that child now serves alone.
    #expect(launcher.log.contains("takeover complete"))
    #expect(old.child.waitForExit() == 0)
    let successor = try #require(Self.newProcessID(in: old.log))
    #expect(try old.probe().address(of: "cached.takeover.") == Self.cached)
    let child = try ProcessDescriptor.open(pid: successor)
    try child.sendSignal(.terminate)
    #expect(try child.waitForExit(timeout: .seconds(30)))
    try child.close()

    // A takeover that fails makes the launcher fail, with the reason on its standard error.
    let next = try PetreldProcess(lab.setup, label: "next", extra: ["--takeover-test-misdescribe"])
    let failing = try PetreldProcess(
      lab.setup, label: "failing", extra: ["--takeover", "--background"], waitUntilServing: false)
    #expect(failing.child.waitForExit() == 1)
    #expect(failing.log.contains("petreld: takeover failed: descriptor mismatch"), "\(failing.log)")
    #expect(next.child.stop() == 0)
  }

  @Test func withTakeoverInTheConfigurationTheSameCommandStartsOrTakesOver() throws {
    let lab = try Lab(takeoverKey: true)
    defer { lab.authority.stop() }
    // Nobody answers on the control socket yet: the first daemon binds.
    let first = try PetreldProcess(lab.setup, label: "first")
    #expect(!first.log.contains("descriptors from pid"), "\(first.log)")
    #expect(try first.probe().address(of: "cached.takeover.") == Self.cached)
    // The same command line again takes over from it.
    let second = try PetreldProcess(lab.setup, label: "second", waitUntilServing: false)
    #expect(waitUntil { second.log.contains("takeover complete") }, "\(second.log)")
    #expect(first.child.waitForExit() == 0)
    #expect(try second.probe(ipv6: true).address(of: "cached.takeover.") == Self.cached)
    #expect(second.child.stop() == 0)
  }

  /// The `new-pid=` a daemon logged when it handed over.
  static func newProcessID(in log: String) -> pid_t? {
    guard let range = log.range(of: "handed over; draining") else { return nil }
    let line = log[range.upperBound...].prefix { $0 != "\n" }
    guard let field = line.range(of: "new-pid=") else { return nil }
    return pid_t(line[field.upperBound...].prefix { $0.isNumber })
  }
}

/// `onOwnThread` for work that cannot fail.
func onOwnThreadValue<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
  (try? await onOwnThread(body))!
}
