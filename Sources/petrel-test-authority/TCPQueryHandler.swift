import NIOCore
import PetrelDNS

/// Answers the framed DNS messages of one TCP connection; a malformed message closes the connection.
final class TCPQueryHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer

  private let responder: Responder
  private let log: QueryLog?

  init(responder: Responder, log: QueryLog?) {
    self.responder = responder
    self.log = log
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let frame = unwrapInboundIn(data)
    guard let request = try? Message(decoding: Array(buffer: frame)) else {
      context.close(promise: nil)
      return
    }
    log?.record(request, over: .tcp)
    guard let response = responder.respond(to: request, over: .tcp),
      let bytes = try? response.encode(maxSize: Responder.sizeLimit(for: request, over: .tcp))
    else { return }
    var out = context.channel.allocator.buffer(capacity: bytes.count + 2)
    out.writeInteger(UInt16(bytes.count))
    out.writeBytes(bytes)
    context.writeAndFlush(wrapOutboundOut(out), promise: nil)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }
}
