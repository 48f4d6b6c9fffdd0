import NIOCore
import NIOPosix

/// Opens the socket for one query, on the loop that owns its exchange, and sends the query once connected.
///
/// UDP: a fresh socket per query, connected to the server without an explicit bind, so the kernel picks the
/// source port at random from the ephemeral range (`net.ipv4.ip_local_port_range`, 32768–60999 by default: about
/// 15 bits). We let the kernel choose rather than drawing from 1024–65535 ourselves: a connect never fails for a
/// port that happens to be busy (no retry loop), it honours `ip_local_reserved_ports` and never lands on a port a
/// local service is about to bind, and an operator who wants more entropy widens the range. Connecting also makes
/// the kernel drop datagrams from any other address or port, so only the server's can be read.
///
/// The socket is opened, connected, written and read with plain system calls (`UpstreamDatagramSocket`), and
/// its loop learns that it is readable from a real-time signal (`UpstreamDatagramReactor`), not from a SwiftNIO
/// channel: creating a channel per query was about a third of a cache miss's instructions.
///
/// TCP: one connection per query, no reuse.
enum ExchangeLauncher {
  /// What a query on a loop that is not SwiftNIO's POSIX kind (an embedded loop, say) fails with.
  static let unsupportedLoop = UpstreamError.failed("the event loop group cannot open sockets (not NIOPosix)")

  /// The most a UDP response may be: the size the query advertised (512 without EDNS), but at least 2048
  /// octets, so that a server overshooting a small advertisement a little still gets through.
  ///
  /// A datagram larger than this is cut by the kernel and will not decode (RFC 6891 §6.2.5 forbids sending it).
  /// Datagrams are received into the loop's reactor's 64 KiB scratch buffer, so the limit costs nothing.
  static let defaultReceiveCapacity = 2048

  static func receiveCapacity(advertised: UInt16?) -> Int {
    max(defaultReceiveCapacity, Int(advertised ?? 512))
  }

  static func launchUDP(_ exchange: PendingExchange, query: [UInt8], server: UpstreamServer, receiveCapacity: Int) {
    let reactor: UpstreamDatagramReactor
    switch UpstreamDatagramReactor.current(on: exchange.loop) {
    case .success(let current): reactor = current
    case .failure(let error):
      exchange.finish(.failure(error))
      return
    }
    let descriptor: CInt
    switch UpstreamDatagramSocket.open(to: server) {
    case .success(let opened): descriptor = opened
    case .failure(let error):
      exchange.finish(.failure(error))
      return
    }
    // Watched before anything is sent, so that no answer can arrive unannounced.
    if let error = reactor.watch(descriptor, for: exchange) {
      UpstreamDatagramSocket.close(descriptor)
      exchange.finish(.failure(error))
      return
    }
    exchange.adopt(datagramSocket: descriptor, reactor: reactor, receiveCapacity: receiveCapacity)
    exchange.sendDatagram(query)
  }

  static func launchTCP(_ exchange: PendingExchange, query: [UInt8], server: UpstreamServer, deadline: NIODeadline) {
    guard let bootstrap = ClientBootstrap(validatingGroup: exchange.loop) else {
      exchange.finish(.failure(unsupportedLoop))
      return
    }
    let bound = NIOLoopBound(exchange, eventLoop: exchange.loop)
    bootstrap
      .connectTimeout(max(deadline - .now(), .nanoseconds(1)))
      .channelInitializer { channel in
        let exchange = bound.value
        do {
          try channel.pipeline.syncOperations.addHandler(TCPResponseHandler(exchange: exchange))
        } catch {
          return channel.eventLoop.makeFailedFuture(error)
        }
        exchange.attach(channel)
        return channel.eventLoop.makeSucceededVoidFuture()
      }
      .connect(to: SocketAddress(server))
      .assumeIsolated()
      .whenComplete { result in
        switch result {
        case .success(let channel):
          var framed = channel.allocator.buffer(capacity: 2 + query.count)
          framed.writeInteger(UInt16(query.count))
          framed.writeBytes(query)
          exchange.send(framed, on: channel)
        case .failure(let error):
          exchange.finish(.failure(UpstreamError(transportError: error)))
        }
      }
  }
}
