public import SystemPackage

/// One step of a conversation command, as it arrived: a JSON object and the descriptors that came with its
/// frame. The control protocol does not know what the steps mean; the command that converses (takeover)
/// decodes them into its own types.
public struct ControlExchange: Sendable {
  /// The frame's JSON payload.
  public var payload: [UInt8]
  /// Descriptors that arrived with the frame's header (close-on-exec), owned by whoever holds this value.
  public var descriptors: [FileDescriptor]

  public init(payload: [UInt8], descriptors: [FileDescriptor] = []) {
    self.payload = payload
    self.descriptors = descriptors
  }

  /// The payload decoded as `type`.
  public func decode<Message: Decodable>(_ type: Message.Type) throws(ControlPayloadError) -> Message {
    do {
      return try ControlJSON.decode(type, from: payload)
    } catch {
      throw ControlPayloadError(expected: "\(type)", reason: "\(error)")
    }
  }

  /// An exchange frame carrying `message`.
  static func frame(_ message: some Encodable) throws(ControlPayloadError) -> ControlFrame {
    do {
      return ControlFrame(kind: .exchange, payload: try ControlJSON.encode(message))
    } catch {
      throw ControlPayloadError(expected: "exchange", reason: "\(error)")
    }
  }
}
