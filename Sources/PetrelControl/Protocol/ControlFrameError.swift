/// Why bytes on the control socket are not an acceptable frame header. Each case names what was wrong, so
/// the daemon can log it and tell the client, and tests can check that each malformation is caught.
public enum ControlFrameError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Fewer than ``ControlProtocol/headerSize`` bytes arrived before the stream ended.
  case truncatedHeader(received: Int)
  /// The frame does not start with `PTRL`: the peer is not speaking this protocol at all.
  case badMagic([UInt8])
  /// The peer speaks another protocol version. The header layout is fixed, so the version and the
  /// payload length are still known: a reader may read the payload to show the peer's message.
  case versionMismatch(peerVersion: UInt16, payloadLength: Int)
  /// The kind byte is not a ``ControlFrameKind``.
  case unknownKind(UInt8)
  /// The reserved flags byte is not zero.
  case reservedFlagsSet(UInt8)
  /// The payload length exceeds what the reader accepts.
  case payloadTooLarge(length: Int, limit: Int)
  /// A frame of the wrong kind for this point of the exchange (e.g. a response sent to the daemon).
  case unexpectedKind(ControlFrameKind)
  /// The stream ended inside a payload.
  case truncatedPayload(expected: Int, received: Int)

  public var description: String {
    switch self {
    case .truncatedHeader(let received):
      "the connection ended after \(received) of the \(ControlProtocol.headerSize) header bytes"
    case .badMagic(let bytes):
      "not a Petrel control frame (starts with \(bytes.map { hex($0) }.joined(separator: " ")), expected PTRL)"
    case .versionMismatch(let peerVersion, _):
      "protocol version mismatch: the peer speaks version \(peerVersion), this program speaks version "
        + "\(ControlProtocol.version)"
    case .unknownKind(let kind): "unknown frame kind \(kind)"
    case .reservedFlagsSet(let flags): "reserved header flags set (\(hex(flags)))"
    case .payloadTooLarge(let length, let limit): "a payload of \(length) bytes exceeds the limit of \(limit) bytes"
    case .unexpectedKind(let kind): "unexpected \(kind) frame"
    case .truncatedPayload(let expected, let received):
      "the connection ended after \(received) of \(expected) payload bytes"
    }
  }
}

private func hex(_ byte: UInt8) -> String {
  let digits = Array("0123456789abcdef")
  return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xf)])
}
