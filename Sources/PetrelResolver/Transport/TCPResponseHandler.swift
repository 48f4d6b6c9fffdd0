import NIOCore

/// Reassembles the length-prefixed messages (RFC 1035 §4.2.2) arriving on one query's TCP connection and hands
/// each to the exchange until one is accepted.
///
/// A response may arrive in any number of fragments; the bytes are gathered until the two-octet length and that
/// many octets are there. A message with another ID is counted and skipped, and reading goes on. The connection
/// ending before an acceptable message is complete is `.connectionClosed`.
final class TCPResponseHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer

  private let exchange: PendingExchange
  private var pending: ByteBuffer?

  init(exchange: PendingExchange) {
    self.exchange = exchange
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var incoming = unwrapInboundIn(data)
    if pending == nil {
      pending = incoming
    } else {
      pending!.writeBuffer(&incoming)
    }
    // Each turn consumes at least the two length octets, so the loop ends with the buffer.
    while !exchange.isFinished, let frame = pending?.readLengthPrefixedSlice(as: UInt16.self) {
      frame.withUnsafeReadableBytes { exchange.consider($0) }
    }
    pending?.discardReadBytes()
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    exchange.finish(.failure(UpstreamError(transportError: error)))
  }

  func channelInactive(context: ChannelHandlerContext) {
    exchange.finish(.failure(.connectionClosed))
  }
}
