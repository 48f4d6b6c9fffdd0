/// What a command accepts: how many arguments, which options with which values, and whether a
/// descriptor comes with it. A value rather than code, so that the client, the daemon and the
/// documentation read the same rules.
public struct ControlCommandShape: Hashable, Sendable {
  /// How many positional arguments are allowed.
  public var arguments: ClosedRange<Int>
  /// How the arguments are written in usage messages, e.g. `NAME [TYPE]`.
  public var usage: String
  /// Allowed option names, each with its allowed values.
  public var options: [String: [String]]
  /// Whether exactly one descriptor comes with the request, and which way it is used.
  public var descriptor: ControlDescriptorUse

  public init(
    arguments: ClosedRange<Int> = 0...0,
    usage: String = "",
    options: [String: [String]] = [:],
    descriptor: ControlDescriptorUse = .none
  ) {
    self.arguments = arguments
    self.usage = usage
    self.options = options
    self.descriptor = descriptor
  }
}

/// Whether a command takes a descriptor and what the daemon does with it. The daemon checks the
/// descriptor's access mode against this before running the command.
public enum ControlDescriptorUse: Hashable, Sendable, CustomStringConvertible {
  /// The command takes no descriptor.
  case none
  /// One descriptor open for writing: the daemon writes the command's output to it.
  case output
  /// One descriptor open for reading: the daemon reads the command's input from it.
  case input

  public var description: String {
    switch self {
    case .none: "no descriptor"
    case .output: "an output descriptor"
    case .input: "an input descriptor"
    }
  }
}
