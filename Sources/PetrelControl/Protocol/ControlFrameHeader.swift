/// The fixed 12-byte header in front of every control frame. Its layout never changes between protocol
/// versions, so a daemon can always tell an old or new client which version it speaks, and vice versa.
///
/// ```
/// offset 0  magic    "PTRL"
/// offset 4  version  UInt16, big-endian
/// offset 6  kind     UInt8 (ControlFrameKind)
/// offset 7  flags    UInt8, reserved, must be 0
/// offset 8  length   UInt32, big-endian: payload bytes that follow
/// ```
public struct ControlFrameHeader: Hashable, Sendable {
  /// The sender's protocol version.
  public var version: UInt16
  /// What the payload is.
  public var kind: ControlFrameKind
  /// The number of payload bytes after the header.
  public var payloadLength: Int

  public init(kind: ControlFrameKind, payloadLength: Int, version: UInt16 = ControlProtocol.version) {
    self.version = version
    self.kind = kind
    self.payloadLength = payloadLength
  }

  /// Decodes and checks a header, in an order that keeps the most useful error: the magic first (is this
  /// our protocol at all?), then the version (before anything whose meaning a later version may change),
  /// then kind, flags and length.
  ///
  /// - Parameter maximumPayloadSize: the largest payload the reader accepts.
  public init(decoding bytes: some Collection<UInt8>, maximumPayloadSize: Int = ControlProtocol.maximumPayloadSize)
    throws(ControlFrameError)
  {
    let bytes = Array(bytes)
    guard bytes.count >= ControlProtocol.headerSize else { throw .truncatedHeader(received: bytes.count) }
    guard Array(bytes[0..<4]) == ControlProtocol.magic else { throw .badMagic(Array(bytes[0..<4])) }
    let version = UInt16(bytes[4]) << 8 | UInt16(bytes[5])
    let length = Int(UInt32(bytes[8]) << 24 | UInt32(bytes[9]) << 16 | UInt32(bytes[10]) << 8 | UInt32(bytes[11]))
    guard version == ControlProtocol.version else {
      throw .versionMismatch(peerVersion: version, payloadLength: length)
    }
    guard let kind = ControlFrameKind(rawValue: bytes[6]) else { throw .unknownKind(bytes[6]) }
    guard bytes[7] == 0 else { throw .reservedFlagsSet(bytes[7]) }
    guard length <= maximumPayloadSize else { throw .payloadTooLarge(length: length, limit: maximumPayloadSize) }
    self.init(kind: kind, payloadLength: length, version: version)
  }

  /// The 12 header bytes.
  public var encoded: [UInt8] {
    let length = UInt32(clamping: payloadLength)
    return ControlProtocol.magic + [
      UInt8(version >> 8), UInt8(version & 0xff), kind.rawValue, 0,
      UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff), UInt8(length & 0xff),
    ]
  }
}
