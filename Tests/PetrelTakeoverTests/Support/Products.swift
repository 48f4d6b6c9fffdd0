import Foundation
import Glibc
import Synchronization

/// The built executables next to the test bundle (`.build/<config>/…`), and what this machine allows.
enum Products {
  static let directory: String = {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    return URL(fileURLWithPath: executable).deletingLastPathComponent().path
  }()

  static var petreld: String { directory + "/petreld" }
  static var testAuthority: String { directory + "/petrel-test-authority" }

  /// Nil when the end-to-end tests can run here, else why not (they are skipped with it).
  static var unavailability: String? {
    if getuid() != 0 { return "needs root: the lab authority serves on port 53, daemons switch users" }
    for product in [petreld, testAuthority] where access(product, X_OK) != 0 {
      return "no \(product): run swift build"
    }
    if access("/usr/bin/setpriv", X_OK) != 0 { return "needs setpriv (util-linux) to start a daemon as nobody" }
    return nil
  }

  static var available: Bool { unavailability == nil }
}

/// Loopback addresses of their own for every end-to-end test (127.56.0.0/16 is this suite's), so that tests
/// running in parallel never share an authority or a listener.
enum LabAddresses {
  private static let next = Counter()

  /// The next test's authority (port 53) and resolver addresses.
  static func allocate() -> (authority: String, resolver: String) {
    let index = next.increment()
    return ("127.56.0.\(index)", "127.56.1.\(index)")
  }
}

/// A thread-safe counter from 1.
final class Counter: Sendable {
  private let value = Mutex(0)

  func increment() -> Int {
    value.withLock {
      $0 += 1
      return $0
    }
  }
}
