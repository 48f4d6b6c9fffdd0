import CPetrelSystem
import NIOCore
import NIOPosix

#if canImport(Glibc)
  import Glibc
#endif

/// Tells an event loop which of its upstream UDP sockets have something to read, with no SwiftNIO channel per
/// socket.
///
/// A resolver opens a fresh socket for every query it sends (source-port randomisation), and a SwiftNIO channel
/// per socket was most of a cache miss's cost: creating one formats its addresses and description as text,
/// allocates its pipeline and several futures, registers with epoll and later deregisters. Instead each socket
/// asks the kernel for signal-driven readiness (`O_ASYNC`, `F_SETSIG`, `F_SETOWN_EX` to the loop's own thread):
/// a datagram or an ICMP error queues a real-time signal carrying the descriptor. The signal is blocked in the
/// loop's thread and read from a signalfd, which is the one SwiftNIO channel here, registered once per loop; the
/// loop then `recv`s from exactly the sockets named. If the real-time queue ever overflows the kernel sends SIGIO
/// instead, and every socket is read.
///
/// One per event-loop thread (kept in a thread-specific variable, created on first use on that thread): two
/// signalfds on one thread would steal each other's signals. Confined to its loop.
final class UpstreamDatagramReactor {
  /// Datagrams read from one socket per signal before yielding to the loop; the rest come on a later turn.
  static let readsPerTurn = 64
  // Each thread sees only its own value: that is the point of a thread-specific variable.
  nonisolated(unsafe) private static let perThread = ThreadSpecificVariable<UpstreamDatagramReactor>()

  let loop: any EventLoop
  private let threadID: CInt
  private var exchanges: [CInt: PendingExchange] = [:]
  /// Where datagrams are received before screening: one per loop, as large as a datagram can be.
  private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 65_536, alignment: 8)

  private init(loop: any EventLoop, threadID: CInt) {
    self.loop = loop
    self.threadID = threadID
  }

  deinit {
    scratch.deallocate()
  }

  /// The reactor of the calling loop thread, set up on first use; call on `loop`.
  static func current(on loop: any EventLoop) -> Result<UpstreamDatagramReactor, UpstreamError> {
    loop.preconditionInEventLoop()
    if let reactor = perThread.currentValue { return .success(reactor) }
    guard let bootstrap = NIOPipeBootstrap(validatingGroup: loop) else {
      return .failure(ExchangeLauncher.unsupportedLoop)
    }
    let signals = petrel_async_io_signalfd()
    guard signals >= 0 else {
      return .failure(UpstreamError(errno: errno, description: "signalfd: \(String(cString: strerror(errno)))"))
    }
    let reactor = UpstreamDatagramReactor(loop: loop, threadID: petrel_async_io_thread_id())
    let bound = NIOLoopBound(reactor, eventLoop: loop)
    bootstrap
      .channelOption(
        .recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 64 * Int(PETREL_SIGNALFD_RECORD_SIZE))
      )
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(ReadinessSignalHandler(reactor: bound.value))
        }
      }
      .takingOwnershipOfDescriptor(input: signals)
      .whenFailure { _ in _ = close(signals) }
    perThread.currentValue = reactor
    return .success(reactor)
  }

  /// Asks for `descriptor`'s readiness signals, on this loop's thread, and routes them to `exchange`.
  func watch(_ descriptor: CInt, for exchange: PendingExchange) -> UpstreamError? {
    guard petrel_async_io_watch(descriptor, threadID) == 0 else {
      return UpstreamError(errno: errno, description: "fcntl: \(String(cString: strerror(errno)))")
    }
    exchanges[descriptor] = exchange
    return nil
  }

  /// Stops routing `descriptor`; call before closing it (a signal still queued for it then finds nothing).
  func forget(_ descriptor: CInt) {
    exchanges[descriptor] = nil
  }

  /// Receives what is waiting on `descriptor`, if it belongs to an exchange in flight.
  func signalled(_ descriptor: CInt) {
    guard let exchange = exchanges[descriptor] else { return }
    if exchange.receiveDatagrams(into: scratch, limit: Self.readsPerTurn) == .more {
      loop.assumeIsolated().execute { self.signalled(descriptor) }
    }
  }

  /// The real-time queue overflowed and some signals were lost: read every socket.
  func overflowed() {
    for descriptor in Array(exchanges.keys) { signalled(descriptor) }
  }
}

/// Reads the signalfd's records and passes each to the reactor.
private final class ReadinessSignalHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  private let reactor: UpstreamDatagramReactor

  init(reactor: UpstreamDatagramReactor) {
    self.reactor = reactor
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let records = unwrapInboundIn(data)
    let size = Int(PETREL_SIGNALFD_RECORD_SIZE)
    let overflow = UInt32(petrel_async_io_overflow_signal())
    records.withUnsafeReadableBytes { bytes in
      var offset = 0
      while offset + size <= bytes.count {
        let record = bytes.baseAddress! + offset
        if petrel_signalfd_record_signal(record) == overflow {
          reactor.overflowed()
        } else {
          reactor.signalled(petrel_signalfd_record_descriptor(record))
        }
        offset += size
      }
    }
  }
}
