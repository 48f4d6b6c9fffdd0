/// Everything that stops the test authority from starting, worded for the person reading a failed test's log.
enum AuthorityError: Error, CustomStringConvertible {
  case usage(String)
  case cannotOpen(path: String, reason: String)
  case badZone(path: String, reason: String)

  var description: String {
    switch self {
    case .usage(let message): message
    case .cannotOpen(let path, let reason): "cannot open \(path): \(reason)"
    case .badZone(let path, let reason): "zone file \(path): \(reason)"
    }
  }
}
