import Foundation
import Glibc

/// A temporary directory anyone may read, for configuration and zone files the daemon reads after it has
/// become `nobody`; removed by `remove()`.
struct Scratch: Sendable {
  let directory: String

  init(_ label: String) throws {
    var template = Array("/tmp/petrel-priv-\(label)-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { throw ScratchError(reason: "mkdtemp: \(errno)") }
    directory = String(cString: made)
    guard chmod(directory, 0o755) == 0 else { throw ScratchError(reason: "chmod \(directory): \(errno)") }
  }

  /// Writes `text` to `name` in the directory, readable by everyone; returns its path.
  @discardableResult
  func write(_ name: String, _ text: String, mode: mode_t = 0o644) throws -> String {
    let path = "\(directory)/\(name)"
    try text.write(toFile: path, atomically: false, encoding: .utf8)
    guard chmod(path, mode) == 0 else { throw ScratchError(reason: "chmod \(path): \(errno)") }
    return path
  }

  func path(_ name: String) -> String { "\(directory)/\(name)" }

  func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

struct ScratchError: Error, CustomStringConvertible {
  var reason: String
  var description: String { reason }
}

/// The zone the tests' daemons answer from memory, and the zone text test authorities serve when forwarded to.
enum TestZones {
  static let local = "priv.test."
  static let localAddress = "192.0.2.80"

  static let localZoneText = """
    $TTL 300
    @ IN SOA ns hostmaster 1 3600 600 86400 300
    @ IN NS ns
    ns IN A 127.0.0.1
    www IN A 192.0.2.80

    """

  static let forwardedAddress = "198.51.100.53"

  static let forwardedZoneText = """
    $TTL 300
    @ IN SOA ns hostmaster 1 3600 600 86400 300
    @ IN NS ns
    ns IN A 127.0.0.1
    www IN A 198.51.100.53

    """
}

/// The configuration file of a test daemon: listening on one address, one thread per core capped at 2, the
/// local test zone, a runtime directory of its own (the control socket; open to every user, because the daemon
/// may start as nobody), and whatever else the test adds (YAML lines for `privileges` and `resolver`).
enum TestConfiguration {
  static func write(
    in scratch: Scratch, listen address: String, privileges: [String] = [], resolver: [String] = []
  ) throws -> String {
    try scratch.write("priv.test.zone", TestZones.localZoneText)
    let runtime = scratch.path("run")
    guard mkdir(runtime, 0o777) == 0 || errno == EEXIST, chmod(runtime, 0o777) == 0 else {
      throw ScratchError(reason: "mkdir \(runtime): \(errno)")
    }
    var lines = [
      "server:", "  listen: [\(address):53]", "  allow-from: [127.0.0.0/8]", "  threads: 2", "  log-level: info",
      "  runtime-directory: \(runtime)",
      "local-zones:", "  - zone: \(TestZones.local)", "    file: priv.test.zone",
    ]
    if !privileges.isEmpty { lines += ["privileges:"] + privileges.map { "  " + $0 } }
    lines += ["resolver:", "  dont-query: []"] + resolver.map { "  " + $0 }
    return try scratch.write("petrel.yml", lines.joined(separator: "\n") + "\n")
  }
}
