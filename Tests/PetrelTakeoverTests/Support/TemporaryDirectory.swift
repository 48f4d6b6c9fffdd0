import Foundation
import Glibc
import SystemPackage

/// A directory of its own for one test, removed afterwards; mode 0755 so that a daemon running as
/// `nobody` can reach a socket in it.
final class TemporaryDirectory: Sendable {
  let path: String

  init() throws {
    var template = Array("/tmp/petrel-takeover-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw Errno(rawValue: errno) }
    path = String(cString: created)
    guard chmod(path, 0o755) == 0 else { throw Errno(rawValue: errno) }
  }

  func file(_ name: String) -> String { path + "/" + name }

  deinit { try? FileManager.default.removeItem(atPath: path) }
}
