import Glibc
import PetrelControl
import PetrelDNS
import PetrelResolver
import PetrelServer
import PetrelSystem
import SystemPackage
import Testing

/// Both daemons in the test process: the protocol, the descriptor transfer both ways, the checks, the
/// hand-over and the drain, without starting `petreld` (PetreldTakeoverTests does that).
@Suite struct InProcessTakeoverTests {
  static let oldAddress = IPv4Address(192, 0, 2, 1)
  static let newAddress = IPv4Address(192, 0, 2, 2)

  @Test(arguments: [DescriptorTransfer.automatic, .processDescriptor, .socketRights])
  func everySocketAndTheCacheChangeHands(transfer: DescriptorTransfer) async throws {
    let directory = try TemporaryDirectory()
    let logs = LogCapture()
    let old = try await InProcessDaemon.start(in: directory, answering: Self.oldAddress, logger: logs.logger)
    for record in try Fixtures.records() {
      old.caches.records.store(record.rrset, credibility: record.credibility, source: record.source)
    }
    let oldProbe = DNSProbe(host: "127.0.0.1", port: old.portV4)
    #expect(try await onOwnThread { try oldProbe.address(of: "before.test.") } == Self.oldAddress)

    let client = TakeoverClient(socketPath: old.socketPath, transfer: transfer)
    let pending = try await onOwnThread { try client.start(logger: logs.logger) }
    #expect(pending.transfer == (transfer == .socketRights ? "scm-rights" : "pidfd_getfd"))
    #expect(pending.previousProcessID == getpid())
    #expect(try pending.previous.processID() == getpid())
    // Each address as the running daemon bound it: two UDP sockets (its two loops) and one TCP socket.
    #expect(pending.descriptors.addresses.map(\.host) == ["127.0.0.1", "::1"])
    #expect(pending.descriptors.addresses.map(\.port) == [old.portV4, old.portV6])
    #expect(pending.descriptors.addresses.allSatisfy { $0.udp.count == 2 })
    if transfer == .socketRights {
      #expect(logs.contains("sending 7 descriptors with SCM_RIGHTS (--takeover-transfer scm-rights)"))
    }
    // The control socket comes too, still bound to its path, and adoptable as such.
    let control = try BoundControlSocket.adopting(try #require(pending.descriptors.controlSocket), path: old.socketPath)
    control.keepFileOnClose()
    #expect(control.close() == false)
    // The snapshot carries the cache.
    let snapshot = try #require(try pending.snapshot())
    #expect(Set(snapshot.records.map(\.rrset.name)) == Set(try Fixtures.records().map(\.rrset.name)))
    #expect(snapshot.records.count == 7)

    let successor = try await InProcessSuccessor.serve(pending, answering: Self.newAddress)
    try await onOwnThread { try pending.ready { successor.running.startReading() } }
    #expect(old.acceptedHandOvers.map(\.newProcessID) == [getpid()])
    #expect(old.acceptedHandOvers.map(\.transfer) == [pending.transfer])
    #expect(old.announcedMainProcesses == [getpid()])
    let outcome = try await onOwnThread { old.running.drainAfterHandover(timeout: .seconds(5)) }
    #expect(outcome.unfinishedResolutions == 0 && outcome.openTCPConnections == 0)

    // The running daemon has closed its copies; the sockets live on, served by the successor alone.
    for (host, port) in [("127.0.0.1", old.portV4), ("::1", old.portV6)] {
      for transport in [DNSProbe.Transport.udp, .tcp] {
        let probe = DNSProbe(host: host, port: port)
        #expect(try await onOwnThread { try probe.address(of: "after.test.", over: transport) } == Self.newAddress)
      }
    }
    old.control.stop()
    try await successor.running.shutdown()
  }

  @Test func queriesSentThroughoutTheTakeoverAreAllAnswered() async throws {
    let directory = try TemporaryDirectory()
    let logs = LogCapture()
    let old = try await InProcessDaemon.start(in: directory, answering: Self.oldAddress, logger: logs.logger)
    let load = QueryLoop(probe: DNSProbe(host: "127.0.0.1", port: old.portV4, attempts: 1))
    let loadTask = Task { try await onOwnThread { load.run(maximum: 20_000) } }

    try await load.waitForAnswers(from: Self.oldAddress, count: 50)
    let pending = try await onOwnThread {
      try TakeoverClient(socketPath: old.socketPath).start(logger: logs.logger)
    }
    let successor = try await InProcessSuccessor.serve(pending, answering: Self.newAddress)
    try await onOwnThread { try pending.ready { successor.running.startReading() } }
    _ = try await onOwnThread { old.running.drainAfterHandover(timeout: .seconds(5)) }
    try await load.waitForAnswers(from: Self.newAddress, count: 50)
    load.stop()
    let result = try await loadTask.value

    #expect(result.unanswered == 0, "\(result.unanswered) of \(result.sent) queries got no answer")
    #expect(result.answeredBy[Self.oldAddress, default: 0] >= 50)
    #expect(result.answeredBy[Self.newAddress, default: 0] >= 50)
    old.control.stop()
    try await successor.running.shutdown()
  }

  @Test func aNewDaemonThatLeavesBeforeReadyChangesNothing() async throws {
    let directory = try TemporaryDirectory()
    let logs = LogCapture()
    let old = try await InProcessDaemon.start(in: directory, answering: Self.oldAddress, logger: logs.logger)
    var pending: PendingTakeover? = try await onOwnThread {
      try TakeoverClient(socketPath: old.socketPath).start(logger: logs.logger)
    }
    for descriptor in pending?.descriptors.all ?? [] { try descriptor.close() }
    pending = nil  // the connection closes without a word, as when the new daemon crashes
    #expect(pending == nil)
    #expect(try await eventually { logs.contains("takeover given up, still serving") })
    #expect(old.acceptedHandOvers.isEmpty)
    #expect(old.announcedMainProcesses.isEmpty)
    let probe = DNSProbe(host: "127.0.0.1", port: old.portV4)
    #expect(try await onOwnThread { try probe.address(of: "still.test.") } == Self.oldAddress)
    #expect(try await onOwnThread { try probe.address(of: "still.test.", over: .tcp) } == Self.oldAddress)

    // The next takeover may begin, and an explicit abort is logged with its reason.
    let second = try await onOwnThread { try TakeoverClient(socketPath: old.socketPath).start(logger: logs.logger) }
    second.abort(reason: "changed my mind")
    for descriptor in second.descriptors.all { try descriptor.close() }
    #expect(try await eventually { logs.contains("aborted: by the new daemon: changed my mind") })
    #expect(old.acceptedHandOvers.isEmpty)
    try await old.stop()
  }

  @Test func onlyOneTakeoverAtATime() async throws {
    let directory = try TemporaryDirectory()
    let logs = LogCapture()
    let old = try await InProcessDaemon.start(in: directory, answering: Self.oldAddress, logger: logs.logger)
    let first = try await onOwnThread { try TakeoverClient(socketPath: old.socketPath).start(logger: logs.logger) }
    let second = await #expect(throws: TakeoverFailure.self) {
      try await onOwnThread { try TakeoverClient(socketPath: old.socketPath).start(logger: logs.logger) }
    }
    #expect(second == .control(.refused("a takeover is already in progress")))
    first.abort(reason: "test over")
    for descriptor in first.descriptors.all { try descriptor.close() }
    try await old.stop()
  }

  @Test func theRunningDaemonGivesUpWhenReadyNeverComes() async throws {
    let directory = try TemporaryDirectory()
    let logs = LogCapture()
    let old = try await InProcessDaemon.start(
      in: directory, answering: Self.oldAddress, readyTimeout: .milliseconds(300), logger: logs.logger)
    let pending = try await onOwnThread { try TakeoverClient(socketPath: old.socketPath).start(logger: logs.logger) }
    #expect(try await eventually { logs.contains("takeover given up, still serving") })
    await #expect(throws: TakeoverFailure.self) { try await onOwnThread { try pending.ready {} } }
    #expect(old.acceptedHandOvers.isEmpty)
    for descriptor in pending.descriptors.all { try descriptor.close() }
    let probe = DNSProbe(host: "::1", port: old.portV6)
    #expect(try await onOwnThread { try probe.address(of: "still.test.") } == Self.oldAddress)
    try await old.stop()
  }

  @Test func aSuccessorThatDoesNotStartReadingLeavesTheDaemonReading() async throws {
    let directory = try TemporaryDirectory()
    let logs = LogCapture()
    let old = try await InProcessDaemon.start(
      in: directory, answering: Self.oldAddress, servingTimeout: .milliseconds(100), logger: logs.logger)
    let pending = try await onOwnThread { try TakeoverClient(socketPath: old.socketPath).start(logger: logs.logger) }
    // Stuck between `accepted` and reading, until the running daemon has given up waiting for `serving`.
    await #expect(throws: TakeoverFailure.self) {
      try await onOwnThread {
        try pending.ready { _ = waitUntil { logs.contains("did not start reading; reading again") } }
      }
    }
    #expect(logs.contains("takeover given up, still serving"))
    #expect(old.acceptedHandOvers.isEmpty)
    #expect(old.announcedMainProcesses == [getpid(), getpid()])  // the new one, then itself again
    for descriptor in pending.descriptors.all { try descriptor.close() }
    let probe = DNSProbe(host: "127.0.0.1", port: old.portV4)
    #expect(try await onOwnThread { try probe.address(of: "reading.again.test.") } == Self.oldAddress)
    #expect(try await onOwnThread { try probe.address(of: "reading.again.test.", over: .tcp) } == Self.oldAddress)
    try await old.stop()
  }

  @Test(.timeLimit(.minutes(1))) func aStoppingDaemonDoesNotWaitOutATakeover() async throws {
    let directory = try TemporaryDirectory()
    let logs = LogCapture()
    let old = try await InProcessDaemon.start(
      in: directory, answering: Self.oldAddress, readyTimeout: .seconds(3_600), logger: logs.logger)
    let pending = try await onOwnThread { try TakeoverClient(socketPath: old.socketPath).start(logger: logs.logger) }
    // The handler waits for `ready`, which will not come within the hour; stopping cancels that wait.
    try await onOwnThread { old.control.stop() }
    #expect(logs.contains("takeover given up, still serving: cancelled: the daemon is stopping"))
    await #expect(throws: TakeoverFailure.self) { try await onOwnThread { try pending.ready {} } }
    for descriptor in pending.descriptors.all { try descriptor.close() }
    try await old.running.shutdown()
  }

  #if DEBUG
    @Test(arguments: [DescriptorTransfer.processDescriptor, .socketRights])
    func aDescriptorUnlikeItsDescriptionEndsTheTakeover(transfer: DescriptorTransfer) async throws {
      let directory = try TemporaryDirectory()
      let logs = LogCapture()
      var hooks = TakeoverTestHooks()
      hooks.misdescribeSocket = true
      let old = try await InProcessDaemon.start(
        in: directory, answering: Self.oldAddress, hooks: hooks, logger: logs.logger)
      let failure = await #expect(throws: TakeoverFailure.self) {
        try await onOwnThread {
          try TakeoverClient(socketPath: old.socketPath, transfer: transfer).start(logger: logs.logger)
        }
      }
      guard case .mismatch(let reason) = failure else {
        Issue.record("expected a mismatch, got \(String(describing: failure))")
        return
      }
      #expect(reason.contains("dns-udp 127.0.0.1:\(old.portV4 &+ 1)"))
      #expect(reason.contains("port \(old.portV4), described as \(old.portV4 &+ 1)"))
      #expect(try await eventually { logs.contains("aborted: by the new daemon: descriptor mismatch") })
      #expect(old.acceptedHandOvers.isEmpty)
      let probe = DNSProbe(host: "127.0.0.1", port: old.portV4)
      #expect(try await onOwnThread { try probe.address(of: "still.test.") } == Self.oldAddress)
      try await old.stop()
    }
  #endif
}
