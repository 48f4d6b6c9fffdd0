/// The one final answer to a request, sent by the daemon just before it closes the connection.
public struct ControlResponse: Hashable, Sendable, Codable {
  public var status: ControlStatus
  /// Text for the operator; may span several lines (e.g. `stats` output).
  public var message: String
  /// Structured results, e.g. `bytes` and `records` written by a dump.
  public var fields: [String: ControlValue]

  public init(status: ControlStatus, message: String, fields: [String: ControlValue] = [:]) {
    self.status = status
    self.message = message
    self.fields = fields
  }

  /// A successful response.
  public static func ok(_ message: String = "", fields: [String: ControlValue] = [:]) -> ControlResponse {
    ControlResponse(status: .ok, message: message, fields: fields)
  }

  /// A command that ran and failed.
  public static func error(_ message: String, fields: [String: ControlValue] = [:]) -> ControlResponse {
    ControlResponse(status: .error, message: message, fields: fields)
  }

  /// A request that was not carried out at all.
  public static func refused(_ message: String, fields: [String: ControlValue] = [:]) -> ControlResponse {
    ControlResponse(status: .refused, message: message, fields: fields)
  }

  /// The JSON payload of a response frame.
  public func encodedPayload() throws -> [UInt8] { try ControlJSON.encode(self) }

  /// Decodes the JSON payload of a response frame.
  public init(decodingPayload payload: [UInt8]) throws(ControlPayloadError) {
    do {
      self = try ControlJSON.decode(ControlResponse.self, from: payload)
    } catch {
      throw ControlPayloadError(expected: "response", reason: "\(error)")
    }
  }

  private enum CodingKeys: String, CodingKey { case status, message, fields }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    status = try container.decode(ControlStatus.self, forKey: .status)
    message = try container.decodeIfPresent(String.self, forKey: .message) ?? ""
    fields = try container.decodeIfPresent([String: ControlValue].self, forKey: .fields) ?? [:]
  }
}
