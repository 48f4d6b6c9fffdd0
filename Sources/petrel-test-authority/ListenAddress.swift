/// One address to serve on, from `--listen ADDR[:PORT]` (`[V6]:PORT` for IPv6 with a port).
///
/// Test servers sit on distinct loopback addresses, all on port 53 as real authorities do, so the default port
/// is 53 and the address alone is enough.
struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
  var host: String
  var port: Int

  static let defaultPort = 53

  init(host: String, port: Int = defaultPort) {
    self.host = host
    self.port = port
  }

  init(parsing text: String) throws(AuthorityError) {
    let bad = AuthorityError.usage("--listen wants ADDR, ADDR:PORT or [IPV6]:PORT, not \(text)")
    if text.hasPrefix("[") {
      guard let close = text.firstIndex(of: "]") else { throw bad }
      host = String(text[text.index(after: text.startIndex)..<close])
      let rest = text[text.index(after: close)...]
      if rest.isEmpty {
        port = Self.defaultPort
      } else {
        guard rest.hasPrefix(":"), let value = Int(rest.dropFirst()) else { throw bad }
        port = value
      }
    } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
      host = String(text[..<colon])
      guard let value = Int(text[text.index(after: colon)...]) else { throw bad }
      port = value
    } else {
      host = text
      port = Self.defaultPort
    }
    guard !host.isEmpty, (0...65535).contains(port) else { throw bad }
  }

  var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
