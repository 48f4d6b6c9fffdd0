import Glibc
import PetrelControl
public import PetrelSystem
import SystemPackage

/// A takeover with the running daemon's descriptors in hand and checked, while the new daemon gets ready
/// to serve: both daemons now hold the very same sockets, the running one still reads them.
///
/// Start-up goes on with ``descriptors`` in place of bound sockets, decodes ``snapshot()`` into its caches,
/// drops its privileges, serves, and then calls ``ready()`` — or ``abort(reason:)``, or simply exits: the
/// running daemon notices the closed connection and goes on serving.
public final class PendingTakeover: Sendable {
  /// The running daemon, by its pidfd: every later signal to it goes through this, never through its PID.
  public let previous: ProcessDescriptor
  public let previousProcessID: Int32
  public let descriptors: TakenOverDescriptors
  /// The sealed snapshot's bytes, read before the privilege drop and decoded after it.
  public let snapshotBytes: [UInt8]?
  /// `pidfd_getfd` or `scm-rights`.
  public let transfer: String
  /// How long the running daemon may take to drain once it has accepted.
  public let drainTimeout: Duration
  private let conversation: ControlClientConversation
  private let stepTimeout: Duration

  init(
    conversation: ControlClientConversation, previous: ProcessDescriptor, previousProcessID: Int32,
    descriptors: TakenOverDescriptors, snapshotBytes: [UInt8]?, transfer: String, drainTimeout: Duration,
    stepTimeout: Duration
  ) {
    self.conversation = conversation
    self.previous = previous
    self.previousProcessID = previousProcessID
    self.descriptors = descriptors
    self.snapshotBytes = snapshotBytes
    self.transfer = transfer
    self.drainTimeout = drainTimeout
    self.stepTimeout = stepTimeout
  }

  /// The cache snapshot, decoded; nil when the running daemon sent none.
  public func snapshot() throws(CacheSnapshotError) -> CacheSnapshot? {
    guard let snapshotBytes else { return nil }
    return try CacheSnapshot(decoding: snapshotBytes)
  }

  /// Tells the running daemon that this one is ready, waits until it has stopped reading the sockets
  /// (`accepted`), calls `startReading` (which must return once this daemon reads them), and says so
  /// (`serving`): the running daemon then drains and exits. Only one of the two reads a socket at any moment.
  ///
  /// Throws when the running daemon does not accept (it left, or answered with an error); the caller must
  /// then stop and exit, since the running daemon goes on.
  public func ready(startReading: () -> Void) throws(TakeoverFailure) {
    do {
      try conversation.send(TakeoverReady(pid: getpid(), transfer: transfer), timeout: stepTimeout)
      switch try conversation.receive(timeout: stepTimeout) {
      case .exchange(let exchange):
        DescriptorCleanup.close(exchange.descriptors)
        let accepted = try exchange.decode(TakeoverAccepted.self)
        guard accepted.step == .accepted else {
          throw TakeoverFailure.protocolViolation("expected 'accepted', got '\(accepted.step.rawValue)'")
        }
        startReading()
        try conversation.send(TakeoverServing(), timeout: stepTimeout)
      case .response(let response):
        throw TakeoverFailure.aborted("the running daemon answered \(response.status): \(response.message)")
      }
      // The running daemon answers `ok` once it has taken `serving`; anything else means it reads again.
      switch try conversation.receive(timeout: stepTimeout) {
      case .response(let response) where response.status == .ok: break
      case .response(let response):
        throw TakeoverFailure.aborted("the running daemon answered \(response.status): \(response.message)")
      case .exchange(let exchange):
        DescriptorCleanup.close(exchange.descriptors)
        throw TakeoverFailure.protocolViolation("an exchange frame after 'serving'")
      }
    } catch let error as TakeoverFailure {
      throw error
    } catch let error as ControlClientError {
      throw .control(error)
    } catch {
      throw .protocolViolation("\(error)")
    }
  }

  /// Gives the takeover up: the running daemon goes on serving. The descriptors taken stay open; whoever
  /// holds them now (the caller, or the listeners they were given to) closes them.
  public func abort(reason: String) {
    try? conversation.send(TakeoverAbort(reason: reason), timeout: stepTimeout)
  }
}
