/// How a request ended. The three outcomes ask different things of the operator: `error` means the
/// command ran and failed (look at the message), `refused` means nothing was done (wrong user, wrong
/// protocol version, malformed or disallowed request, daemon busy).
public enum ControlStatus: String, Hashable, Sendable, Codable, CaseIterable {
  case ok
  case error
  case refused
}
