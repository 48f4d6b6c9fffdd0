/// Why a request was not accepted. Raised by the client before it connects and by the daemon before it
/// runs anything; the daemon sends the description back with status `refused` and logs it.
public enum ControlRequestError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The payload is not the request JSON.
  case malformed(String)
  /// No such command (perhaps a newer client).
  case unknownCommand(String)
  case wrongArgumentCount(command: ControlCommand, count: Int, usage: String)
  case unknownOption(command: ControlCommand, name: String)
  case invalidOptionValue(command: ControlCommand, name: String, value: String, allowed: [String])
  /// The request says it carries one number of descriptors, the socket delivered another.
  case descriptorCountMismatch(declared: Int, attached: Int)
  /// Descriptors came with a command that takes none.
  case unexpectedDescriptors(command: ControlCommand, count: Int)
  /// More descriptors than the command takes.
  case tooManyDescriptors(command: ControlCommand, count: Int)
  /// The command needs a descriptor and none came.
  case missingDescriptor(command: ControlCommand, use: ControlDescriptorUse)
  /// The descriptor's access mode does not allow what the command does with it.
  case descriptorAccess(command: ControlCommand, reason: String)

  public var description: String {
    switch self {
    case .malformed(let reason): "malformed request: \(reason)"
    case .unknownCommand(let name): "unknown command '\(name)'"
    case .wrongArgumentCount(let command, let count, let usage):
      usage.isEmpty
        ? "\(command) takes no arguments, \(count) given"
        : "\(command) takes \(usage), \(count) argument\(count == 1 ? "" : "s") given"
    case .unknownOption(let command, let name): "\(command) has no option '\(name)'"
    case .invalidOptionValue(let command, let name, let value, let allowed):
      "\(command): '\(value)' is not a valid \(name) (one of: \(allowed.joined(separator: ", ")))"
    case .descriptorCountMismatch(let declared, let attached):
      "the request declares \(declared) descriptor\(declared == 1 ? "" : "s") but \(attached) arrived with it"
    case .unexpectedDescriptors(let command, let count):
      "\(command) takes no descriptors, \(count) attached"
    case .tooManyDescriptors(let command, let count): "\(command) takes one descriptor, \(count) attached"
    case .missingDescriptor(let command, let use): "\(command) needs \(use), none attached"
    case .descriptorAccess(let command, let reason): "\(command): \(reason)"
    }
  }
}
