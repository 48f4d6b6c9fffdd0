/// A sign of life from a long operation (a dump, a cache load): the client resets its timeout on each
/// one, so only a daemon that stops making progress times out, however long the whole operation takes.
public struct ControlProgress: Hashable, Sendable, Codable {
  /// What is happening, e.g. `writing records`.
  public var message: String
  /// How far it got, e.g. `bytes` and `records`.
  public var fields: [String: ControlValue]

  public init(message: String, fields: [String: ControlValue] = [:]) {
    self.message = message
    self.fields = fields
  }

  /// The JSON payload of a progress frame.
  public func encodedPayload() throws -> [UInt8] { try ControlJSON.encode(self) }

  /// Decodes the JSON payload of a progress frame.
  public init(decodingPayload payload: [UInt8]) throws(ControlPayloadError) {
    do {
      self = try ControlJSON.decode(ControlProgress.self, from: payload)
    } catch {
      throw ControlPayloadError(expected: "progress", reason: "\(error)")
    }
  }

  private enum CodingKeys: String, CodingKey { case message, fields }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
    fields = try container.decodeIfPresent([String: ControlValue].self, forKey: .fields) ?? [:]
  }
}
