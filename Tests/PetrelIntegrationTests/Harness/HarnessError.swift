/// Why the lab or a resolver could not be set up; the message carries the output needed to see why.
enum HarnessError: Error, CustomStringConvertible {
  case cannotStart(String, reason: String)
  case notReady(String, output: String)
  case io(String)

  var description: String {
    switch self {
    case .cannotStart(let what, let reason): "cannot start \(what): \(reason)"
    case .notReady(let what, let output): "\(what) never became ready; its output:\n\(output)"
    case .io(let message): message
    }
  }
}
