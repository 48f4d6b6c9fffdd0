import Glibc
import PetrelDNS

/// Appends one line per received query to a file: `NAME TYPE TRANSPORT`, the name spelled as it arrived.
///
/// Integration tests read it to see what a resolver asked of this server (QNAME minimisation, TCP retries,
/// whether a cached answer caused new queries). Each line is one `write(2)` on an `O_APPEND` descriptor made
/// before the response is sent, so a line is complete and on disk by the time the resolver has its answer.
final class QueryLog: Sendable {
  private let descriptor: CInt

  init(path: String) throws(AuthorityError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// Records one query; a request without a question is logged as `-`.
  func record(_ request: Message, over transport: Transport) {
    let question = request.question.map { "\($0.name) \($0.type)" } ?? "- -"
    let line = Array("\(question) \(transport.rawValue)\n".utf8)
    _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  }
}
