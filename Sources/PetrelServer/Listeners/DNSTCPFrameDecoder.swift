import NIOCore

/// Splits a TCP byte stream into DNS messages by their two-octet length prefix (RFC 1035 §4.2.2).
///
/// A client may pipeline: several messages in one segment, or one message across several; each complete
/// message is passed on as its own buffer, without the prefix.
struct DNSTCPFrameDecoder: ByteToMessageDecoder {
  typealias InboundOut = ByteBuffer

  mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
    guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
      buffer.readableBytes >= 2 + Int(length)
    else { return .needMoreData }
    buffer.moveReaderIndex(forwardBy: 2)
    guard let frame = buffer.readSlice(length: Int(length)) else { return .needMoreData }
    context.fireChannelRead(wrapInboundOut(frame))
    return .continue
  }

  mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
    -> DecodingState
  {
    try decode(context: context, buffer: &buffer)
  }
}
