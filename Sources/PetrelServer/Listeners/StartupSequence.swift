import Glibc
public import NIOCore
public import NIOPosix
public import PetrelSystem

/// The two halves of bringing the listeners up, with the privilege drop to go between them.
///
/// Phase 1 (`bindSockets`) creates and binds raw descriptors while the process has a single thread and still
/// holds what binding port 53 needs. Phase 2 (`serve`) creates the event loops and adopts those descriptors
/// into SwiftNIO channels. Per-thread kernel state (capabilities, Landlock, seccomp) is why nothing may start a
/// thread before the drop; see "Start-up order" in DESIGN.md.
public enum StartupSequence {
  /// Why the listeners could not be brought up.
  public enum Failure: Error, CustomStringConvertible {
    case bind(ListenAddress, ListeningSocket.Failure)
    case adopt(ListeningSocket, any Error)

    public var description: String {
      switch self {
      case .bind(let address, let failure): "cannot listen on \(address): \(failure)"
      case .adopt(let socket, let error): "cannot serve \(socket): \(error)"
      }
    }
  }

  /// The event loops to run: `threads` if configured, else one per core.
  public static func threadCount(_ configured: Int?) -> Int {
    max(1, configured ?? System.coreCount)
  }

  /// Phase 1: binds, for each address, `threads` UDP sockets and one TCP socket; starts no thread.
  ///
  /// A port of 0 binds the first socket to a port of the kernel's choice and the others to the same port
  /// (retried a few times should that port be taken for TCP). On failure every socket already bound is closed.
  public static func bindSockets(listen: [ListenAddress], threads: Int) throws(Failure) -> BoundSockets {
    var addresses: [BoundSockets.Address] = []
    do {
      for address in listen {
        addresses.append(try bind(address, threads: max(1, threads)))
      }
    } catch {
      BoundSockets(addresses: addresses, threads: threads).close()
      throw error
    }
    return BoundSockets(addresses: addresses, threads: max(1, threads))
  }

  /// The receive queue asked for each UDP socket, as Unbound's `so-rcvbuf: 4m` advice: bursts wait in the kernel
  /// instead of being dropped while a loop is busy.
  public static let udpReceiveBufferSize = 4 << 20

  private static func bind(_ address: ListenAddress, threads: Int) throws(Failure) -> BoundSockets.Address {
    let attempts = address.port == 0 ? 8 : 1
    var lastFailure: ListeningSocket.Failure = .invalidAddress(address.host)
    for _ in 0..<attempts {
      var bound: [ListeningSocket] = []
      do {
        let first = try ListeningSocket.bind(
          host: address.host, port: UInt16(clamping: address.port), transport: .udp, reusePort: true,
          receiveBufferSize: udpReceiveBufferSize)
        bound.append(first)
        for _ in 1..<threads {
          bound.append(
            try ListeningSocket.bind(
              host: address.host, port: first.port, transport: .udp, reusePort: true,
              receiveBufferSize: udpReceiveBufferSize))
        }
        let tcp = try ListeningSocket.bind(host: address.host, port: first.port, transport: .tcp, reusePort: false)
        return BoundSockets.Address(udp: bound, tcp: tcp)
      } catch {
        for socket in bound { socket.close() }
        lastFailure = error
        if case .system(_, .addressInUse) = error { continue }
        break
      }
    }
    throw .bind(address, lastFailure)
  }

  /// Phase 2, first step: starts the event loops, one per UDP socket of an address. The first threads the
  /// process has; the upstream transport runs on them too.
  public static func startEventLoops(for sockets: BoundSockets) -> MultiThreadedEventLoopGroup {
    MultiThreadedEventLoopGroup(numberOfThreads: sockets.threads)
  }

  /// Phase 2 in one call, for tests and tools: starts the loops and serves on them.
  public static func serve(
    _ sockets: BoundSockets, pipeline: QueryPipeline, settings: ListenerSettings, startReading: Bool = true
  ) -> EventLoopFuture<RunningServer> {
    serve(
      sockets, on: startEventLoops(for: sockets), pipeline: pipeline, settings: settings, startReading: startReading)
  }

  /// Phase 2: adopts every socket into a channel on `group` and serves it with `pipeline`; the i-th UDP socket
  /// of each address goes to the i-th loop, and the loops share the TCP connections.
  ///
  /// The returned future completes once every channel is registered and reading. If adopting any socket
  /// fails, the channels already made are closed and the loops are shut down (the process is expected to exit).
  ///
  /// With `startReading` false the listeners are registered but read nothing until
  /// `RunningServer.startReading()`: a daemon taking over sockets another process still reads starts so.
  public static func serve(
    _ sockets: BoundSockets, on group: MultiThreadedEventLoopGroup, pipeline: QueryPipeline,
    settings: ListenerSettings, startReading: Bool = true
  ) -> EventLoopFuture<RunningServer> {
    let loops = Array(group.makeIterator())
    let statistics = ServerStatistics(shardCount: loops.count)
    let handlers = loops.enumerated().map { index, loop in
      NIOLoopBoundBox.makeBoxSendingValue(
        QueryHandler(pipeline: pipeline, statistics: statistics.shards[index], eventLoop: loop), eventLoop: loop)
    }
    let caches = PacketCacheShards(handlers: handlers)
    let tcpClients = AdmissionLimit(maximum: settings.maximumTCPClients)

    var futures: [EventLoopFuture<any Channel>] = []
    for address in sockets.addresses {
      let wildcard = address.host == "0.0.0.0" || address.host == "::"
      for (index, socket) in address.udp.enumerated() {
        let box = handlers[index % handlers.count]
        futures.append(
          adopt(
            socket,
            udpBootstrap(on: box, settings: settings, wildcard: wildcard)
              .channelOption(.autoRead, value: startReading)
              .withBoundSocket(socket.descriptor.rawValue)
          ))
      }
      futures.append(
        adopt(
          address.tcp,
          tcpBootstrap(group: group, caches: caches, clients: tcpClients, settings: settings)
            .serverChannelOption(.autoRead, value: startReading)
            .withBoundSocket(address.tcp.descriptor.rawValue)
        ))
    }

    let eventLoop = loops[0]
    return EventLoopFuture.whenAllComplete(futures, on: eventLoop).flatMapThrowing { results in
      var channels: [any Channel] = []
      var firstError: (any Error)? = nil
      for result in results {
        switch result {
        case .success(let channel): channels.append(channel)
        case .failure(let error): firstError = firstError ?? error
        }
      }
      if let firstError {
        for channel in channels { channel.close(promise: nil) }
        group.shutdownGracefully { _ in }
        throw firstError
      }
      return RunningServer(
        group: group, channels: channels, sockets: sockets, pipeline: pipeline, statistics: statistics,
        packetCache: caches, tcpClients: tcpClients)
    }
  }

  /// Names the socket in the error of a failed adoption.
  private static func adopt(
    _ socket: ListeningSocket, _ future: EventLoopFuture<any Channel>
  ) -> EventLoopFuture<any Channel> {
    future.flatMapErrorThrowing { error in throw Failure.adopt(socket, error) }
  }

  private static func udpBootstrap(
    on box: NIOLoopBoundBox<QueryHandler>, settings: ListenerSettings, wildcard: Bool
  ) -> DatagramBootstrap {
    DatagramBootstrap(group: box.eventLoop)
      .channelOption(.datagramVectorReadMessageCount, value: settings.udpVectorReadCount)
      .channelOption(
        .recvAllocator,
        value: FixedSizeRecvByteBufferAllocator(capacity: settings.udpVectorReadCount * settings.udpMaximumQuerySize)
      )
      .channelOption(.maxMessagesPerRead, value: 4)
      .channelOption(.receivePacketInfo, value: wildcard)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(UDPQueryChannelHandler(queries: box.value))
        }
      }
  }

  private static func tcpBootstrap(
    group: MultiThreadedEventLoopGroup, caches: PacketCacheShards, clients: AdmissionLimit,
    settings: ListenerSettings
  ) -> ServerBootstrap {
    ServerBootstrap(group: group)
      .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
      .childChannelInitializer { channel in
        guard let box = caches.handler(for: channel.eventLoop) else {
          return channel.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
        }
        guard clients.tryAcquire() else {
          box.value.pipeline.logger.debug("too many tcp clients", metadata: ["limit": "\(clients.maximum)"])
          return channel.close()
        }
        channel.closeFuture.whenComplete { _ in clients.release() }
        return channel.eventLoop.makeCompletedFuture {
          let sync = channel.pipeline.syncOperations
          try sync.addHandler(IdleStateHandler(allTimeout: TimeAmount(settings.tcpIdleTimeout)))
          try sync.addHandler(ByteToMessageHandler(DNSTCPFrameDecoder()))
          try sync.addHandler(
            TCPQueryChannelHandler(queries: box.value, maximumInFlight: settings.maximumQueriesPerTCPConnection))
        }
      }
  }
}
