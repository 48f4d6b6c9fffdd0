import Glibc
public import Logging
import PetrelControl
import PetrelSystem
import SystemPackage

/// The new daemon's side of a takeover, up to the descriptors in hand: connects to the running daemon's
/// control socket, reads the offer, checks that the pidfd it came with is the offering process, reads the
/// sealed cache snapshot, takes every descriptor with `pidfd_getfd` (or has it sent with `SCM_RIGHTS`),
/// and checks each one against its description.
///
/// Runs in start-up phase 2, on the only thread, with the privileges still held: `CAP_SYS_PTRACE` is what
/// lets a root-started daemon take descriptors from a running daemon that is no longer dumpable. On any
/// failure every descriptor received so far is closed and the running daemon is told to go on.
public struct TakeoverClient: Sendable {
  /// The running daemon's control socket.
  public var socketPath: String
  public var transfer: DescriptorTransfer
  /// How long each step may take.
  public var stepTimeout: Duration

  public init(socketPath: String, transfer: DescriptorTransfer = .automatic, stepTimeout: Duration = .seconds(10)) {
    self.socketPath = socketPath
    self.transfer = transfer
    self.stepTimeout = stepTimeout
  }

  /// Carries the takeover to the point where the new daemon can serve: the running daemon still serves
  /// too, until ``PendingTakeover/ready(logger:)``.
  public func start(logger: Logger) throws(TakeoverFailure) -> PendingTakeover {
    let conversation: ControlClientConversation
    do {
      conversation = try ControlClientConversation(
        ControlClient(socketPath: socketPath, timeout: stepTimeout),
        request: ControlRequest(.takeover, options: ["version": "1"]))
    } catch {
      throw .control(error)
    }
    let (offer, attachments) = try receiveOffer(conversation)
    let previous = ProcessDescriptor(descriptor: attachments[0])
    // The memory file is read (or refused) and closed here, whatever happens.
    let snapshotDescriptor = attachments.count > 1 ? attachments[1] : nil
    defer { if let snapshotDescriptor { _ = Glibc.close(snapshotDescriptor.rawValue) } }
    do throws(TakeoverFailure) {
      try checkIdentity(of: previous, offer: offer)
      var snapshotBytes: [UInt8]? = nil
      if let snapshotDescriptor { snapshotBytes = try readSnapshot(snapshotDescriptor, summary: offer.snapshot) }
      let (received, how) = try takeDescriptors(
        offer.sockets, from: previous, conversation: conversation, logger: logger)
      logger.notice(
        "takeover: took \(received.count) descriptors from pid \(offer.pid) with \(how.transfer)",
        metadata: ["why": "\(how.reason)"])
      let descriptors: TakenOverDescriptors
      do {
        descriptors = try TakenOverDescriptors.group(received)
      } catch {
        DescriptorCleanup.close(received.map(\.descriptor))
        throw error
      }
      return PendingTakeover(
        conversation: conversation, previous: previous, previousProcessID: offer.pid, descriptors: descriptors,
        snapshotBytes: snapshotBytes, transfer: how.transfer,
        drainTimeout: .milliseconds(offer.drainTimeoutMilliseconds), stepTimeout: stepTimeout)
    } catch {
      DescriptorCleanup.close([previous.descriptor])
      try? conversation.send(TakeoverAbort(reason: "\(error)"), timeout: stepTimeout)
      throw error
    }
  }

  /// The first step: the offer, with the pidfd and perhaps the snapshot.
  private func receiveOffer(
    _ conversation: ControlClientConversation
  ) throws(TakeoverFailure) -> (TakeoverOffer, [FileDescriptor]) {
    let exchange: ControlExchange
    do {
      switch try conversation.receive(timeout: stepTimeout) {
      case .exchange(let received): exchange = received
      case .response(let response):
        throw TakeoverFailure.aborted("the running daemon answered \(response.status): \(response.message)")
      }
    } catch let error as TakeoverFailure {
      throw error
    } catch let error as ControlClientError {
      throw .control(error)
    } catch {
      throw .protocolViolation("\(error)")
    }
    let offer: TakeoverOffer
    do {
      offer = try exchange.decode(TakeoverOffer.self)
    } catch {
      DescriptorCleanup.close(exchange.descriptors)
      throw .protocolViolation("\(error)")
    }
    let expected = offer.snapshot == nil ? 1 : 2
    guard offer.version == 1, offer.step == .offer, exchange.descriptors.count == expected else {
      DescriptorCleanup.close(exchange.descriptors)
      throw .protocolViolation(
        "offer version \(offer.version) with \(exchange.descriptors.count) descriptors (expected version 1, \(expected))"
      )
    }
    return (offer, exchange.descriptors)
  }

  /// The pidfd must refer to the process that made the offer.
  private func checkIdentity(of previous: ProcessDescriptor, offer: TakeoverOffer) throws(TakeoverFailure) {
    let pid: Int32?
    do {
      pid = try previous.processID()
    } catch {
      throw .identity("the first descriptor of the offer is not a pidfd (\(error))")
    }
    guard let pid else { throw .identity("the running daemon (pid \(offer.pid)) has already exited") }
    guard pid == offer.pid else { throw .identity("the offer names pid \(offer.pid), its pidfd pid \(pid)") }
  }

  /// The snapshot's bytes, once its seals prove the running daemon can no longer change them.
  private func readSnapshot(
    _ descriptor: FileDescriptor, summary: TakeoverSnapshotSummary?
  ) throws(TakeoverFailure) -> [UInt8] {
    let bytes: [UInt8]
    do {
      bytes = try SealedMemoryFile.read(descriptor, maximumSize: CacheSnapshotFormat.maximumSize)
    } catch {
      throw .snapshot("\(error)")
    }
    guard bytes.count == summary?.bytes else {
      throw .snapshot("\(bytes.count) bytes, the offer announced \(summary?.bytes ?? 0)")
    }
    return bytes
  }

  /// Every offered descriptor, checked, in offer order; and how they came.
  private func takeDescriptors(
    _ sockets: [TakeoverSocketDescription], from previous: ProcessDescriptor,
    conversation: ControlClientConversation, logger: Logger
  ) throws(TakeoverFailure) -> ([(description: TakeoverSocketDescription, descriptor: FileDescriptor)], TransferOutcome)
  {
    var fallbackReason = "--takeover-transfer scm-rights"
    if transfer != .socketRights {
      switch DescriptorTaker.takeWithProcessDescriptor(sockets, from: previous) {
      case .success(let received):
        return (try DescriptorTaker.check(received), TransferOutcome(transfer: "pidfd_getfd", reason: reasonForPidfd()))
      case .failure(.refused(let error)) where transfer == .automatic:
        fallbackReason = DescriptorTaker.explainRefusal(error, previous: previous)
        logger.notice("takeover: pidfd_getfd refused, asking for SCM_RIGHTS: \(fallbackReason)")
      case .failure(let failure):
        throw failure.takeoverFailure
      }
    }
    let received = try DescriptorTaker.receiveWithRights(
      sockets, reason: fallbackReason, conversation: conversation, stepTimeout: stepTimeout)
    return (try DescriptorTaker.check(received), TransferOutcome(transfer: "scm-rights", reason: fallbackReason))
  }

  private func reasonForPidfd() -> String {
    transfer == .processDescriptor ? "--takeover-transfer pidfd" : "the kernel allowed pidfd_getfd"
  }
}

/// How the descriptors came, for the log and the `ready` step.
struct TransferOutcome: Sendable {
  var transfer: String
  var reason: String
}

/// Closes descriptors that will not be used, on failure paths.
enum DescriptorCleanup {
  static func close(_ descriptors: [FileDescriptor]) {
    for descriptor in descriptors { _ = Glibc.close(descriptor.rawValue) }
  }
}
