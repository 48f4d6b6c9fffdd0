import NIOCore

/// Reads the datagrams arriving on one query's connected UDP socket and hands the acceptable one to the exchange.
///
/// The socket is connected to the server, so the kernel already drops datagrams from any other address or port;
/// the source is still compared here, so that a kernel or configuration surprise cannot let a forgery through.
final class UDPResponseHandler: ChannelInboundHandler {
  typealias InboundIn = AddressedEnvelope<ByteBuffer>

  private let exchange: PendingExchange
  private let server: UpstreamServer

  init(exchange: PendingExchange, server: UpstreamServer) {
    self.exchange = exchange
    self.server = server
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let envelope = unwrapInboundIn(data)
    guard server.isSource(envelope.remoteAddress) else {
      exchange.reject(.wrongSource)
      return
    }
    exchange.consider(envelope.data)
  }

  /// ECONNREFUSED (ICMP port unreachable) arrives here; SwiftNIO keeps the channel open after it.
  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    exchange.finish(.failure(UpstreamError(transportError: error)))
  }

  /// SwiftNIO closes a datagram channel, without naming the error, on any socket error but ECONNREFUSED and
  /// ENOMEM; on a connected UDP socket those are the ICMP destination-unreachable reports. (When the exchange
  /// closed the channel itself it has already finished, and this is ignored.)
  func channelInactive(context: ChannelHandlerContext) {
    exchange.finish(.failure(.unreachable))
  }
}
