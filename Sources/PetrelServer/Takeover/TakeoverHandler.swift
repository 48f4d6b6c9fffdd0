import Glibc
public import Logging
public import PetrelControl
import PetrelSystem
import Synchronization
public import SystemPackage

/// The running daemon's side of `takeover`: offers its sockets and cache to the new daemon on the control
/// connection, sends the descriptors itself when asked, and hands over once the new daemon says it serves.
///
/// Until that moment nothing changes for the running daemon: if the new one leaves, stalls, aborts or breaks
/// the protocol, the takeover is logged and forgotten and the running daemon goes on serving. Only root and
/// the daemon's own user may take over (a member of the control group may not: the sockets and the cache
/// are the daemon's, not an operator's), and only one takeover runs at a time.
public final class TakeoverHandler: ControlCommandHandler {
  /// How long one step of the conversation, other than waiting for `ready`, may take.
  public static let stepTimeout: Duration = .seconds(10)

  private let source: TakeoverSource
  private let hooks: TakeoverTestHooks
  private let logger: Logger
  private let handOver: @Sendable (TakeoverHandOver) -> Void
  private let announceMainProcess: @Sendable (Int32) -> Void
  private let inProgress = Atomic<Bool>(false)

  /// - Parameters:
  ///   - handOver: called once the new daemon has been told its takeover is accepted; the daemon then stops
  ///     reading, drains and exits. Called at most once in the handler's life.
  ///   - announceMainProcess: tells the service manager which process is the service's main one (systemd's
  ///     `MAINPID=`): the new daemon just before it is told its takeover is accepted, this one again if that
  ///     message cannot be delivered. Does nothing when no service manager supervises the daemon.
  public init(
    source: TakeoverSource, hooks: TakeoverTestHooks = TakeoverTestHooks(), logger: Logger,
    announceMainProcess: @escaping @Sendable (Int32) -> Void = { _ in },
    handOver: @escaping @Sendable (TakeoverHandOver) -> Void
  ) {
    self.source = source
    self.hooks = hooks
    self.logger = logger
    self.announceMainProcess = announceMainProcess
    self.handOver = handOver
  }

  public func handle(
    _ request: ControlRequest, descriptors: [FileDescriptor], progress: ControlProgressReporter
  ) async throws -> ControlResponse {
    guard request.command == .takeover, let conversation = progress.conversation else {
      return .error("the takeover handler serves only the takeover command")
    }
    let peer = conversation.peer
    guard peer.uid == 0 || peer.uid == geteuid() else {
      logger.warning("takeover refused: uid \(peer.uid) is neither root nor this daemon's user")
      return .refused("permission denied: only root or uid \(geteuid()) may take this daemon over")
    }
    guard inProgress.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    else {
      return .refused("a takeover is already in progress")
    }
    var logger = self.logger
    logger[metadataKey: "new-pid"] = "\(peer.pid)"
    logger.notice("takeover requested")
    do {
      let handOver = try converse(with: conversation, logger: logger)
      logger.notice(
        "takeover accepted: the new daemon serves; draining",
        metadata: ["transfer": "\(handOver.transfer)", "drain-timeout": "\(handOver.drainTimeout)"])
      self.handOver(handOver)
      return .ok(
        "handed over to pid \(peer.pid)",
        fields: [
          "pid": .count(getpid()), "drain-timeout-ms": .count(TakeoverOfferBuilder.milliseconds(handOver.drainTimeout)),
        ])
    } catch {
      inProgress.store(false, ordering: .releasing)
      logger.warning("takeover given up, still serving: \(error)")
      return .error("takeover given up: \(error)")
    }
  }

  /// Offer, send descriptors when asked, wait for `ready`, accept.
  private func converse(with conversation: ControlConversation, logger: Logger) throws(TakeoverFailure)
    -> TakeoverHandOver
  {
    let (offer, attachments) = try TakeoverOfferBuilder(source: source, hooks: hooks, logger: logger).build()
    defer { for descriptor in attachments { _ = Glibc.close(descriptor.rawValue) } }
    try step { () throws(ControlConversationError) in
      try conversation.send(offer, descriptors: attachments, timeout: Self.stepTimeout)
    }
    logger.info(
      "takeover offered",
      metadata: [
        "sockets": "\(offer.sockets.count)", "snapshot-records": "\(offer.snapshot?.records ?? 0)",
        "snapshot-denials": "\(offer.snapshot?.denials ?? 0)", "snapshot-bytes": "\(offer.snapshot?.bytes ?? 0)",
      ])

    let deadline = ContinuousClock.now + source.readyTimeout
    var sentDescriptors = false
    while true {
      let remaining = max(ContinuousClock.now.duration(to: deadline), .milliseconds(1))
      let exchange = try step { () throws(ControlConversationError) in try conversation.receive(timeout: remaining) }
      let header = try decode(TakeoverStepHeader.self, exchange)
      switch header.step {
      case .sendDescriptors where !sentDescriptors:
        let ask = try decode(TakeoverSendDescriptors.self, exchange)
        logger.info("takeover: sending \(offer.sockets.count) descriptors with SCM_RIGHTS (\(ask.reason))")
        try sendDescriptors(offer.sockets, on: conversation)
        sentDescriptors = true
      case .ready:
        let ready = try decode(TakeoverReady.self, exchange)
        guard ready.pid == conversation.peer.pid else {
          throw .identity("ready from pid \(ready.pid) on a connection from pid \(conversation.peer.pid)")
        }
        return try accept(ready, on: conversation, logger: logger)
      case .abort:
        throw .aborted("by the new daemon: \(try decode(TakeoverAbort.self, exchange).reason)")
      default:
        throw .protocolViolation("unexpected step '\(header.step.rawValue)'")
      }
    }
  }

  /// The offered descriptors in offer order, in batches the kernel accepts in one message.
  private func sendDescriptors(
    _ sockets: [TakeoverSocketDescription], on conversation: ControlConversation
  ) throws(TakeoverFailure) {
    var first = 0
    while first < sockets.count {
      let batch = sockets[first..<min(sockets.count, first + ControlProtocol.maximumDescriptorsPerExchange)]
      let message = TakeoverDescriptorBatch(first: first, count: batch.count)
      try step { () throws(ControlConversationError) in
        try conversation.send(
          message, descriptors: batch.map { FileDescriptor(rawValue: $0.descriptor) }, timeout: Self.stepTimeout)
      }
      first += batch.count
    }
  }

  /// Tells the service manager that the new daemon is the service's main process, stops reading the
  /// sockets, tells the new daemon so (`accepted`), and waits for it to say it reads them (`serving`). Only one
  /// daemon reads a socket at any moment; in between, the sockets' queues hold what arrives. If anything
  /// fails before `serving`, this daemon reads again, tells the service manager it is the main process again,
  /// and goes on serving.
  private func accept(
    _ ready: TakeoverReady, on conversation: ControlConversation, logger: Logger
  ) throws(TakeoverFailure) -> TakeoverHandOver {
    announceMainProcess(ready.pid)
    source.pauseReading()
    do throws(TakeoverFailure) {
      try step { () throws(ControlConversationError) in
        try conversation.send(
          TakeoverAccepted(drainTimeoutMilliseconds: TakeoverOfferBuilder.milliseconds(source.drainTimeout)),
          timeout: Self.stepTimeout)
      }
      let exchange = try step { () throws(ControlConversationError) in
        try conversation.receive(timeout: source.servingTimeout)
      }
      let header = try decode(TakeoverStepHeader.self, exchange)
      guard header.step == .serving else {
        throw TakeoverFailure.protocolViolation("expected 'serving', got '\(header.step.rawValue)'")
      }
    } catch {
      source.resumeReading()
      announceMainProcess(getpid())
      logger.warning("takeover: the new daemon did not start reading; reading again")
      throw error
    }
    return TakeoverHandOver(newProcessID: ready.pid, transfer: ready.transfer, drainTimeout: source.drainTimeout)
  }

  private func step<Value>(_ body: () throws(ControlConversationError) -> Value) throws(TakeoverFailure) -> Value {
    do {
      return try body()
    } catch {
      throw .conversation(error)
    }
  }

  private func decode<Message: Decodable>(_ type: Message.Type, _ exchange: ControlExchange) throws(TakeoverFailure)
    -> Message
  {
    do {
      return try exchange.decode(type)
    } catch {
      throw .protocolViolation("\(error)")
    }
  }
}
