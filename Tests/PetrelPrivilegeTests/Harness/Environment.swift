import Foundation
import Glibc

/// Where the privilege tests find their programs, and what this machine allows them to do.
enum Environment {
  /// The build products directory: the test bundle is an executable there (`.build/<config>/…xctest`).
  static let productsDirectory: String = {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    return URL(fileURLWithPath: executable).deletingLastPathComponent().path
  }()

  static var petreld: String { "\(productsDirectory)/petreld" }
  static var testAuthority: String { "\(productsDirectory)/petrel-test-authority" }

  static let isRoot = getuid() == 0

  /// The first executable named `name` in the usual system directories.
  static func tool(_ name: String) -> String? {
    ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"].map { "\($0)/\(name)" }.first {
      access($0, X_OK) == 0
    }
  }

  /// Nil when the daemon tests can run here, else why not: they bind port 53 and switch users.
  static var daemonUnavailability: String? {
    guard isRoot else { return "needs root: petreld binds port 53 and switches to nobody" }
    guard access(petreld, X_OK) == 0 else { return "no petreld at \(petreld): run swift build" }
    return nil
  }

  static var canRunDaemon: Bool { daemonUnavailability == nil }

  /// Nil when the daemon can be started as nobody through setpriv, else why not.
  static var setprivUnavailability: String? {
    if let reason = daemonUnavailability { return reason }
    return tool("setpriv") == nil ? "setpriv (util-linux) is not installed" : nil
  }

  /// Nil when a system call's result can be forged with strace, else why not.
  static var straceUnavailability: String? {
    if let reason = daemonUnavailability { return reason }
    return tool("strace") == nil ? "strace is not installed (apt-get install strace)" : nil
  }
}
