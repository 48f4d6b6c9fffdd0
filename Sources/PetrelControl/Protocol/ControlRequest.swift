/// What the client asks for: a command, its arguments and options, and how many descriptors travel with
/// it. The request is the payload of the one request frame; the descriptors ride on that frame's header.
public struct ControlRequest: Hashable, Sendable {
  public var command: ControlCommand
  /// Positional arguments, e.g. the names for `wipe-cache`.
  public var arguments: [String]
  /// Named options, e.g. `format: json`; flags are written as `name: "true"`.
  public var options: [String: String]
  /// How many descriptors are attached. ``ControlClient`` sets it from the descriptors it sends; the
  /// daemon refuses a request whose count differs from what the socket delivered.
  public var descriptorCount: Int

  public init(
    _ command: ControlCommand,
    arguments: [String] = [],
    options: [String: String] = [:],
    descriptorCount: Int = 0
  ) {
    self.command = command
    self.arguments = arguments
    self.options = options
    self.descriptorCount = descriptorCount
  }

  /// What the command does with its descriptor, given these options.
  public var descriptorUse: ControlDescriptorUse { command.shape(options: options).descriptor }

  /// Checks the request against its command's rules, with `attached` descriptors actually present.
  public func validate(attached: Int) throws(ControlRequestError) {
    guard descriptorCount == attached else {
      throw .descriptorCountMismatch(declared: descriptorCount, attached: attached)
    }
    try command.validate(arguments: arguments, options: options, descriptorCount: attached)
  }

  /// The JSON payload of a request frame.
  public func encodedPayload() throws -> [UInt8] {
    try ControlJSON.encode(
      WireRequest(command: command.rawValue, arguments: arguments, options: options, descriptors: descriptorCount))
  }

  /// Decodes the JSON payload of a request frame. Unknown keys are ignored, so that a newer client may
  /// add some; an unknown command is reported as such, not as malformed JSON.
  public init(decodingPayload payload: [UInt8]) throws(ControlRequestError) {
    let wire: WireRequest
    do {
      wire = try ControlJSON.decode(WireRequest.self, from: payload)
    } catch {
      throw .malformed("\(error)")
    }
    guard let command = ControlCommand(rawValue: wire.command) else { throw .unknownCommand(wire.command) }
    let descriptors = wire.descriptors ?? 0
    guard descriptors >= 0 else {
      throw .malformed("'descriptors' must be a count of zero or more")
    }
    self.init(
      command, arguments: wire.arguments ?? [], options: wire.options ?? [:], descriptorCount: descriptors)
  }
}

/// The request exactly as it is written in JSON.
private struct WireRequest: Codable {
  var command: String
  var arguments: [String]?
  var options: [String: String]?
  var descriptors: Int?
}
