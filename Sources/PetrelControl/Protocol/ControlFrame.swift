/// A complete frame: header and payload, ready to be written as one piece. Building frames only through
/// this type keeps the header's length field and the payload in agreement.
public struct ControlFrame: Hashable, Sendable {
  public var header: ControlFrameHeader
  public var payload: [UInt8]

  /// A frame of `kind` around `payload`. `version` is for tests that play an older or newer peer.
  public init(kind: ControlFrameKind, payload: [UInt8], version: UInt16 = ControlProtocol.version) {
    self.header = ControlFrameHeader(kind: kind, payloadLength: payload.count, version: version)
    self.payload = payload
  }

  /// Header followed by payload.
  public var bytes: [UInt8] { header.encoded + payload }

  /// A request frame.
  public static func request(_ request: ControlRequest) throws -> ControlFrame {
    ControlFrame(kind: .request, payload: try request.encodedPayload())
  }

  /// A progress frame.
  public static func progress(_ progress: ControlProgress) throws -> ControlFrame {
    ControlFrame(kind: .progress, payload: try progress.encodedPayload())
  }

  /// A response frame. It cannot fail: should the response not encode, a fixed error response is sent
  /// instead, because the daemon must always answer.
  public static func response(_ response: ControlResponse) -> ControlFrame {
    let payload =
      (try? response.encodedPayload())
      ?? Array(#"{"fields":{},"message":"the daemon could not encode its response","status":"error"}"#.utf8)
    return ControlFrame(kind: .response, payload: payload)
  }
}
