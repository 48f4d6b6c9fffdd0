import NIOCore
import PetrelDNS

/// Answers DNS queries arriving as datagrams; malformed datagrams are ignored, as a real server does.
final class UDPQueryHandler: ChannelInboundHandler {
  typealias InboundIn = AddressedEnvelope<ByteBuffer>
  typealias OutboundOut = AddressedEnvelope<ByteBuffer>

  private let responder: Responder
  private let log: QueryLog?

  init(responder: Responder, log: QueryLog?) {
    self.responder = responder
    self.log = log
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let envelope = unwrapInboundIn(data)
    guard let request = try? Message(decoding: Array(buffer: envelope.data)) else { return }
    log?.record(request, over: .udp)
    guard let response = responder.respond(to: request, over: .udp),
      let bytes = try? response.encode(maxSize: Responder.sizeLimit(for: request, over: .udp))
    else { return }
    let reply = AddressedEnvelope(
      remoteAddress: envelope.remoteAddress, data: context.channel.allocator.buffer(bytes: bytes))
    context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    // ICMP errors for earlier replies surface here; a server keeps serving.
  }
}
