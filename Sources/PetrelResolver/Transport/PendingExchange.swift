import NIOCore
import PetrelDNS

#if canImport(Glibc)
  import Glibc
#endif

/// One query's life on its event loop, from the first socket call to the closed socket.
///
/// A UDP exchange owns a plain connected socket that its loop's `UpstreamDatagramReactor` watches; a TCP
/// exchange owns a SwiftNIO channel.
///
/// Exactly one outcome wins: the accepted response, a socket error, the deadline, or the caller's cancellation
/// (which `NIOUpstreamTransport` brings to the loop). Whichever comes first resumes the waiting task, once, and
/// the same clean-up follows: the deadline is cancelled and the channel closed, so no path leaks a socket, a
/// timer or a waiting caller. The caller waits on a continuation rather than an `EventLoopPromise`: a promise
/// and its future cost a handful of allocations and runtime type lookups per query, and nothing here needs
/// more than one waiter. Confined to its event loop; handlers and bootstrap callbacks reach it only there.
final class PendingExchange {
  let screen: ResponseScreen
  let counters: TransportCounters
  let loop: any EventLoop
  private(set) var isFinished = false
  private var continuation: UnsafeContinuation<UpstreamReply, any Error>?
  /// Set when the exchange ended before its caller started waiting (cancelled before the loop got to it).
  private var earlyOutcome: Result<UpstreamReply, UpstreamError>?
  private var channel: (any Channel)?
  private var datagramSocket: (descriptor: CInt, reactor: UpstreamDatagramReactor, receiveCapacity: Int)?
  private var deadlineTask: Scheduled<Void>?
  private var sentAt: ContinuousClock.Instant?
  /// Why the last response from the right place with the right ID would not decode, reported on expiry.
  private var malformation: DNSWireError?

  init(queryID: UInt16, counters: TransportCounters, loop: any EventLoop) {
    self.screen = ResponseScreen(queryID: queryID)
    self.counters = counters
    self.loop = loop
  }

  /// Starts the clock and takes the caller's continuation; call once, on the loop, before any socket exists.
  /// Returns false when the exchange already ended (it was cancelled), in which case the caller was resumed.
  func arm(deadline: NIODeadline, continuation: UnsafeContinuation<UpstreamReply, any Error>) -> Bool {
    if let earlyOutcome {
      continuation.resume(with: earlyOutcome.mapError { $0 as any Error })
      return false
    }
    self.continuation = continuation
    deadlineTask = loop.assumeIsolated().scheduleTask(deadline: deadline) { self.expire() }
    return true
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

  /// Takes ownership of a connected UDP socket the reactor already watches; if the exchange already ended,
  /// closes it at once.
  func adopt(datagramSocket descriptor: CInt, reactor: UpstreamDatagramReactor, receiveCapacity: Int) {
    counters.socketOpened()
    datagramSocket = (descriptor, reactor, receiveCapacity)
    if isFinished { closeDatagramSocket() }
  }

  /// Sends the query on the adopted UDP socket and starts the round-trip clock.
  func sendDatagram(_ query: [UInt8]) {
    guard !isFinished, let descriptor = datagramSocket?.descriptor else { return }
    sentAt = .now
    if let error = UpstreamDatagramSocket.send(query, on: descriptor) {
      finish(.failure(error))
    }
  }

  enum ReceiveProgress { case drained, more }

  /// Reads the datagrams waiting on the UDP socket, at most `limit`, screening each; an error from the socket
  /// (ICMP port or host unreachable) ends the exchange with it.
  func receiveDatagrams(into scratch: UnsafeMutableRawBufferPointer, limit: Int) -> ReceiveProgress {
    var received = 0
    while !isFinished, let socket = datagramSocket {
      guard received < limit else { return .more }
      let count = recv(
        socket.descriptor, scratch.baseAddress, min(socket.receiveCapacity, scratch.count), CInt(MSG_DONTWAIT))
      if count >= 0 {
        received += 1
        consider(UnsafeRawBufferPointer(rebasing: scratch[..<count]))
        continue
      }
      let code = errno
      switch code {
      case EAGAIN, EWOULDBLOCK: return .drained
      case EINTR: continue
      default: finish(.failure(UpstreamError(errno: code, description: "recv: \(String(cString: strerror(code)))")))
      }
    }
    return .drained
  }

  /// Screens one candidate response; accepts it or counts the rejection.
  func consider(_ bytes: UnsafeRawBufferPointer) {
    guard !isFinished else { return }
    switch screen.inspect(bytes) {
    case .accepted(let message):
      let roundTrip = sentAt.map { ContinuousClock.now - $0 } ?? .zero
      finish(.success(UpstreamReply(message: message, roundTrip: roundTrip, size: bytes.count)))
    case .rejected(let reason, let malformation):
      reject(reason)
      if let malformation { self.malformation = malformation }
    }
  }

  func reject(_ reason: RejectionReason) {
    counters.record(reason)
  }

  /// Ends the exchange with `result` unless it already ended; resumes the caller and releases everything.
  func finish(_ result: Result<UpstreamReply, UpstreamError>) {
    guard !isFinished else { return }
    isFinished = true
    deadlineTask?.cancel()
    deadlineTask = nil
    channel?.close(promise: nil)
    channel = nil
    closeDatagramSocket()
    if let continuation {
      self.continuation = nil
      continuation.resume(with: result.mapError { $0 as any Error })
    } else {
      earlyOutcome = result
    }
  }

  private func closeDatagramSocket() {
    guard let socket = datagramSocket else { return }
    datagramSocket = nil
    socket.reactor.forget(socket.descriptor)
    UpstreamDatagramSocket.close(socket.descriptor)
    counters.socketClosed()
  }

  private func expire() {
    finish(.failure(malformation.map { .malformed($0) } ?? .timeout))
  }
}

/// Lets the cancellation handler, which runs on any thread, hand the exchange to its loop.
struct PendingExchangeOnLoop: @unchecked Sendable {
  let exchange: PendingExchange
}
