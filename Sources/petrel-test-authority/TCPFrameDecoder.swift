import NIOCore

/// Splits a DNS-over-TCP byte stream into messages at their two-octet length prefixes (RFC 1035 §4.2.2).
struct TCPFrameDecoder: ByteToMessageDecoder {
  typealias InboundOut = ByteBuffer

  mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
    guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
      buffer.readableBytes >= 2 + Int(length)
    else { return .needMoreData }
    buffer.moveReaderIndex(forwardBy: 2)
    context.fireChannelRead(wrapInboundOut(buffer.readSlice(length: Int(length))!))
    return .continue
  }

  mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
    -> DecodingState
  {
    try decode(context: context, buffer: &buffer)
  }
}
