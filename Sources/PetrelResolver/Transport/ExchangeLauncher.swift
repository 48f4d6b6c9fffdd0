import NIOCore
import NIOPosix

/// Opens the socket for one query, on the loop that owns its exchange, and sends the query once connected.
///
/// UDP: a fresh socket per query, connected to the server without an explicit bind, so the kernel picks the
/// source port at random from the ephemeral range (`net.ipv4.ip_local_port_range`, 32768–60999 by default: about
/// 15 bits). We let the kernel choose rather than drawing from 1024–65535 ourselves: a connect never fails for a
/// port that happens to be busy (no retry loop), it honours `ip_local_reserved_ports` and never lands on a port a
/// local service is about to bind, and an operator who wants more entropy widens the range. Connecting also makes
/// the kernel drop datagrams from any other address or port and report ICMP port unreachable as ECONNREFUSED.
/// TCP: one connection per query, no reuse.
enum ExchangeLauncher {
  /// The largest DNS message, so that no response is ever cut short by the receive buffer.
  static let receiveCapacity = 65_535

  static func launchUDP(
    _ exchange: PendingExchange, query: [UInt8], server: UpstreamServer, on loop: any EventLoop
  ) {
    let bound = NIOLoopBound(exchange, eventLoop: loop)
    DatagramBootstrap(group: loop)
      .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: receiveCapacity))
      .channelInitializer { channel in
        let exchange = bound.value
        do {
          try channel.pipeline.syncOperations.addHandler(UDPResponseHandler(exchange: exchange, server: server))
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
          exchange.send(channel.allocator.buffer(bytes: query), on: channel)
        case .failure(let error):
          exchange.finish(.failure(UpstreamError(transportError: error)))
        }
      }
  }

  static func launchTCP(
    _ exchange: PendingExchange, query: [UInt8], server: UpstreamServer, deadline: NIODeadline,
    on loop: any EventLoop
  ) {
    let bound = NIOLoopBound(exchange, eventLoop: loop)
    ClientBootstrap(group: loop)
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
