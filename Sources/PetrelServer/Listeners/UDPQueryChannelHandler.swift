import NIOCore

/// Serves DNS over one UDP socket: each datagram through the loop's `QueryHandler`, responses written back.
///
/// Responses produced while a batch of datagrams is read (the socket is read with `recvmmsg`) are written
/// without flushing and flushed once when the batch ends, so NIO sends them together with `sendmmsg`. When
/// the socket is bound to a wildcard address, the destination address of each query is kept and used as the
/// source of its response, so that a multi-homed host answers from the address it was asked on.
final class UDPQueryChannelHandler: ChannelInboundHandler {
  typealias InboundIn = AddressedEnvelope<ByteBuffer>
  typealias OutboundOut = AddressedEnvelope<ByteBuffer>

  private let queries: QueryHandler
  private var flushPending = false

  init(queries: QueryHandler) {
    self.queries = queries
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let envelope = unwrapInboundIn(data)
    let metadata = envelope.metadata?.packetInfo.map {
      AddressedEnvelope<ByteBuffer>.Metadata(ecnState: .transportNotCapable, packetInfo: $0)
    }
    let allowed = queries.pipeline.accessList.allows(envelope.remoteAddress)
    switch queries.process(envelope.data, allowed: allowed, transport: .udp, allocator: context.channel.allocator) {
    case .drop:
      return
    case .respond(let response):
      context.write(
        wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: response, metadata: metadata)),
        promise: nil)
      flushPending = true
    case .resolve(let pending):
      let channel = context.channel
      let client = envelope.remoteAddress
      queries.resolve(pending, allocator: channel.allocator) { response in
        channel.writeAndFlush(
          AddressedEnvelope(remoteAddress: client, data: response, metadata: metadata), promise: nil)
      }
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    if flushPending {
      flushPending = false
      context.flush()
    }
    context.fireChannelReadComplete()
  }

  /// A UDP socket reports errors of earlier sends (ICMP unreachable from a vanished client); they concern one
  /// client only and must not close the socket.
  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    queries.pipeline.logger.debug("udp error", metadata: ["error": "\(error)"])
  }
}
