/// Every command the daemon understands, by its name on the wire. Shared by `petrelctl` and the daemon so
/// that both check a request against the same rules (``ControlCommandShape``): the client before it
/// connects, the daemon before it runs anything.
public enum ControlCommand: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
  case ping
  case version
  case status
  case stats
  case dumpCache = "dump-cache"
  case dumpThrottled = "dump-throttled"
  case trace
  case traceQueries = "trace-queries"
  case wipeCache = "wipe-cache"
  case loadCache = "load-cache"
  case reload
  case quit
  case quitNicely = "quit-nicely"
  case privileges

  public var description: String { rawValue }

  /// The most names one `wipe-cache` request may carry.
  public static let maximumWipeNames = 1024

  /// The arguments, options and descriptor this command takes. Only `trace-queries` depends on its
  /// options: with `stop` it takes neither a regular expression nor a file.
  public func shape(options: [String: String] = [:]) -> ControlCommandShape {
    switch self {
    case .ping, .version, .status, .reload, .quit, .quitNicely, .privileges:
      ControlCommandShape()
    case .stats:
      ControlCommandShape(options: ["format": ["text", "prometheus", "json"]])
    case .dumpCache:
      ControlCommandShape(
        options: ["kind": ["records", "negative", "packet", "nameservers", "all"], "format": ["text", "json"]],
        descriptor: .output)
    case .dumpThrottled:
      ControlCommandShape(descriptor: .output)
    case .trace:
      ControlCommandShape(arguments: 1...2, usage: "NAME [TYPE]", descriptor: .output)
    case .traceQueries where options["stop"] != nil:
      ControlCommandShape(options: ["stop": ["true"]])
    case .traceQueries:
      ControlCommandShape(arguments: 1...1, usage: "REGEX", options: ["stop": ["true"]], descriptor: .output)
    case .wipeCache:
      ControlCommandShape(arguments: 1...Self.maximumWipeNames, usage: "NAME...")
    case .loadCache:
      ControlCommandShape(descriptor: .input)
    }
  }

  /// Checks arguments, options and the number of attached descriptors against ``shape(options:)``.
  public func validate(
    arguments: [String],
    options: [String: String],
    descriptorCount: Int
  ) throws(ControlRequestError) {
    let shape = shape(options: options)
    guard shape.arguments.contains(arguments.count) else {
      throw .wrongArgumentCount(command: self, count: arguments.count, usage: shape.usage)
    }
    for (name, value) in options.sorted(by: { $0.key < $1.key }) {
      guard let allowed = shape.options[name] else { throw .unknownOption(command: self, name: name) }
      guard allowed.contains(value) else {
        throw .invalidOptionValue(command: self, name: name, value: value, allowed: allowed)
      }
    }
    switch (shape.descriptor, descriptorCount) {
    case (.none, 0), (.output, 1), (.input, 1): break
    case (.none, _): throw .unexpectedDescriptors(command: self, count: descriptorCount)
    case (_, 0): throw .missingDescriptor(command: self, use: shape.descriptor)
    default: throw .tooManyDescriptors(command: self, count: descriptorCount)
    }
  }
}
