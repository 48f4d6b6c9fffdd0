import Foundation
import Glibc

/// Where the integration tests find their programs and lab files, and what this machine allows.
enum TestEnvironment {
  /// The lab description, shared with scripts/interop.
  static let labSource = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Lab").path

  /// The build products directory: the test bundle is an executable there (`.build/<config>/…xctest`).
  static let productsDirectory: String = {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    return URL(fileURLWithPath: executable).deletingLastPathComponent().path
  }()

  static func product(_ name: String) -> String { "\(productsDirectory)/\(name)" }

  static var testAuthority: String { product("petrel-test-authority") }

  static let isRoot = getuid() == 0

  /// The first executable named `name` on PATH (or in the sbin directories, which root's PATH may lack).
  static func onPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    let directories = path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin"]
    return directories.map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
  }
}
