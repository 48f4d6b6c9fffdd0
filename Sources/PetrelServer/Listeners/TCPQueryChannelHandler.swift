import NIOCore

/// Serves DNS over one TCP connection: pipelined queries, answered in whatever order they complete.
///
/// Frames come from `DNSTCPFrameDecoder`. Up to `maximumInFlight` queries of the connection wait for the
/// resolver at once; beyond that, further frames wait here and the socket is not read until answers go out,
/// so a client cannot make the daemon hold more than that for it. The access list is checked once, for the
/// connection's peer. When the connection has been idle for the configured time (`IdleStateHandler` placed
/// before the decoder says so) and nothing is pending, it is closed.
final class TCPQueryChannelHandler: ChannelDuplexHandler {
  typealias InboundIn = ByteBuffer
  typealias OutboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer

  private let queries: QueryHandler
  private let maximumInFlight: Int
  private var context: ChannelHandlerContext?
  private var allowed = false
  private var inFlight = 0
  private var waiting = CircularBuffer<ByteBuffer>()
  private var readDeferred = false
  private var flushPending = false

  init(queries: QueryHandler, maximumInFlight: Int) {
    self.queries = queries
    self.maximumInFlight = max(1, maximumInFlight)
  }

  func handlerAdded(context: ChannelHandlerContext) {
    self.context = context
    allowed = context.channel.remoteAddress.map { queries.pipeline.accessList.allows($0) } ?? false
  }

  func handlerRemoved(context: ChannelHandlerContext) {
    self.context = nil
    waiting.removeAll()
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let frame = unwrapInboundIn(data)
    if inFlight >= maximumInFlight {
      waiting.append(frame)
    } else {
      handle(frame, context: context)
    }
  }

  func channelReadComplete(context: ChannelHandlerContext) {
    flushIfPending(context: context)
    context.fireChannelReadComplete()
  }

  /// Holds reads back while the connection has as many queries pending as it may.
  func read(context: ChannelHandlerContext) {
    if inFlight >= maximumInFlight || !waiting.isEmpty {
      readDeferred = true
    } else {
      context.read()
    }
  }

  func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
    if event is IdleStateHandler.IdleStateEvent {
      if inFlight == 0 && waiting.isEmpty { context.close(promise: nil) }
      return
    }
    context.fireUserInboundEventTriggered(event)
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    queries.pipeline.logger.debug("tcp client error", metadata: ["error": "\(error)"])
    context.close(promise: nil)
  }

  private func handle(_ frame: ByteBuffer, context: ChannelHandlerContext) {
    switch queries.process(frame, allowed: allowed, transport: .tcp, allocator: context.channel.allocator) {
    case .drop:
      return
    case .respond(let response):
      write(response, context: context)
      flushPending = true
    case .resolve(let pending):
      inFlight += 1
      let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
      queries.resolve(pending, allocator: context.channel.allocator) { response in
        handler.value.resolved(response)
      }
    }
  }

  /// A resolution finished (on the loop): send its answer, then take up what waited for the slot.
  private func resolved(_ response: ByteBuffer) {
    inFlight -= 1
    guard let context, context.channel.isActive else { return }
    write(response, context: context)
    flushPending = true
    while inFlight < maximumInFlight, let next = waiting.popFirst() {
      handle(next, context: context)
    }
    flushIfPending(context: context)
    if readDeferred && inFlight < maximumInFlight && waiting.isEmpty {
      readDeferred = false
      context.read()
    }
  }

  private func write(_ response: ByteBuffer, context: ChannelHandlerContext) {
    var framed = context.channel.allocator.buffer(capacity: 2 + response.readableBytes)
    framed.writeInteger(UInt16(truncatingIfNeeded: response.readableBytes))
    framed.writeImmutableBuffer(response)
    context.write(wrapOutboundOut(framed), promise: nil)
  }

  private func flushIfPending(context: ChannelHandlerContext) {
    if flushPending {
      flushPending = false
      context.flush()
    }
  }
}
