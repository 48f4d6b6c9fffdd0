import NIOCore
import PetrelDNS

/// One query's life on its event loop, from the first socket call to the closed channel.
///
/// Exactly one outcome wins: the accepted response, a socket error, the deadline, or the caller's cancellation
/// (which fails `promise` from any thread). Whichever completes the promise first, the same clean-up follows on
/// the loop: the deadline is cancelled and the channel closed, so no path leaks a socket, a timer or a waiting
/// caller. Confined to its event loop; handlers and bootstrap callbacks reach it only there.
final class PendingExchange {
  let promise: EventLoopPromise<UpstreamReply>
  let screen: ResponseScreen
  let counters: TransportCounters
  private(set) var isFinished = false
  private var channel: (any Channel)?
  private var deadlineTask: Scheduled<Void>?
  private var sentAt: ContinuousClock.Instant?
  /// Why the last response from the right place with the right ID would not decode, reported on expiry.
  private var malformation: DNSWireError?

  init(promise: EventLoopPromise<UpstreamReply>, queryID: UInt16, counters: TransportCounters) {
    self.promise = promise
    self.screen = ResponseScreen(queryID: queryID)
    self.counters = counters
  }

  /// Starts the clock and ties clean-up to the promise; call once, on the loop, before any socket exists.
  func arm(deadline: NIODeadline) {
    let loop = promise.futureResult.eventLoop.assumeIsolated()
    deadlineTask = loop.scheduleTask(deadline: deadline) { self.expire() }
    promise.futureResult.assumeIsolated().whenComplete { _ in self.cleanUp() }
  }

  /// Adopts the query's channel as soon as it exists; if the exchange already ended, closes it at once.
  func attach(_ channel: any Channel) {
    counters.socketOpened()
    let counters = self.counters
    channel.closeFuture.whenComplete { _ in counters.socketClosed() }
    if isFinished {
      channel.close(promise: nil)
    } else {
      self.channel = channel
    }
  }

  /// Writes the query (already framed for its transport) and starts the round-trip clock.
  func send(_ bytes: ByteBuffer, on channel: any Channel) {
    guard !isFinished else { return }
    sentAt = .now
    channel.writeAndFlush(bytes).assumeIsolated().whenFailure { error in
      self.finish(.failure(UpstreamError(transportError: error)))
    }
  }

  /// Screens one candidate response; accepts it or counts the rejection.
  func consider(_ bytes: ByteBuffer) {
    guard !isFinished else { return }
    let verdict = bytes.withUnsafeReadableBytes { screen.inspect($0) }
    switch verdict {
    case .accepted(let message):
      let roundTrip = sentAt.map { ContinuousClock.now - $0 } ?? .zero
      finish(.success(UpstreamReply(message: message, roundTrip: roundTrip, size: bytes.readableBytes)))
    case .rejected(let reason, let malformation):
      reject(reason)
      if let malformation { self.malformation = malformation }
    }
  }

  func reject(_ reason: RejectionReason) {
    counters.record(reason)
  }

  func finish(_ result: Result<UpstreamReply, UpstreamError>) {
    guard !isFinished else { return }
    switch result {
    case .success(let reply): promise.succeed(reply)
    case .failure(let error): promise.fail(error)
    }
  }

  private func expire() {
    finish(.failure(malformation.map { .malformed($0) } ?? .timeout))
  }

  private func cleanUp() {
    isFinished = true
    deadlineTask?.cancel()
    deadlineTask = nil
    channel?.close(promise: nil)
    channel = nil
  }
}
