import Foundation
import Glibc
import PetrelSystem

/// The real `petreld` of an end-to-end test: listening on its own IPv4 address and on `::1`, UDP and TCP,
/// resolving from the lab authority, its runtime directory (and so its control socket) in the test's
/// directory. A successor is started the same way with `--takeover`.
final class PetreldProcess: Sendable {
  /// How the process is started.
  enum Start: Sendable {
    /// As root (petreld then switches to `nobody` itself).
    case root
    /// Directly as `nobody`/`nogroup` (`setpriv`), with no capability at all.
    case nobody
  }

  let child: ChildProcess
  let address: String
  let port: UInt16
  var pid: pid_t { child.pid }
  var log: String { child.output }

  /// The arguments every daemon of one test shares: the same listeners, runtime directory and upstream.
  struct Setup: Sendable {
    var directory: TemporaryDirectory
    var address: String
    var port: UInt16
    var authority: LabAuthority
    var threads = 2

    var runtimeDirectory: String { directory.file("run") }
    var controlSocket: String { runtimeDirectory + "/control.sock" }
    var configurationFile: String { directory.file("petrel.yml") }

    /// A setup on a port free on both `address` and `::1`, with a configuration file whose control group
    /// is `nogroup`, so that a successor started as `nobody` may connect to the socket made by root.
    init(
      directory: TemporaryDirectory, address: String, authority: LabAuthority, takeoverKey: Bool = false
    ) throws {
      self.directory = directory
      self.address = address
      self.authority = authority
      port = try freePort(address)
      try """
      server:
        control-group: nogroup
        takeover: \(takeoverKey)
      """.write(toFile: directory.file("petrel.yml"), atomically: true, encoding: .utf8)
      guard mkdir(runtimeDirectory, 0o750) == 0, chown(runtimeDirectory, 65534, 65534) == 0 else {
        throw HarnessError("cannot prepare \(runtimeDirectory): errno \(errno)")
      }
    }

    func arguments(_ extra: [String]) -> [String] {
      [
        Products.petreld, "--config", configurationFile, "--listen", "\(address):\(port)", "--listen", "[::1]:\(port)",
        "--root-hint", authority.rootHint, "--dont-query", "none", "--allow-from", "127.0.0.0/8",
        "--allow-from", "::1/128", "--threads", "\(threads)", "--runtime-directory", runtimeDirectory,
        "--user", "nobody", "--group", "nogroup",
      ] + extra
    }
  }

  /// Starts a daemon with `setup` and `extra` arguments. With `waitUntilServing`, returns once it answers.
  init(_ setup: Setup, label: String, start: Start = .root, extra: [String] = [], waitUntilServing: Bool = true)
    throws
  {
    address = setup.address
    port = setup.port
    var arguments = setup.arguments(extra)
    if start == .nobody {
      arguments =
        [
          "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
          "--bounding-set=-all", "--",
        ] + arguments
    }
    child = try ChildProcess(arguments, outputPath: setup.directory.file("\(label).log"))
    if waitUntilServing {
      let probe = DNSProbe(host: setup.address, port: setup.port, timeoutMilliseconds: 200, attempts: 1)
      guard waitUntil({ log.contains("serving") && (try? probe.ask("takeover.")) != nil }) else {
        child.stop()
        throw HarnessError("petreld (\(label)) did not start:\n\(log)")
      }
    }
  }

  /// A client for it, on its IPv4 or IPv6 address.
  func probe(ipv6: Bool = false) -> DNSProbe {
    DNSProbe(host: ipv6 ? "::1" : address, port: port)
  }
}

/// A port on which `address` and `::1` both have UDP and TCP free (kernel's choice, checked on both).
func freePort(_ address: String) throws -> UInt16 {
  for _ in 0..<50 {
    let first = try ListeningSocket.bind(host: "::1", port: 0, transport: .tcp, reusePort: false)
    let port = first.port
    var held = [first]
    defer { held.forEach { $0.close() } }
    do {
      held.append(try ListeningSocket.bind(host: "::1", port: port, transport: .udp, reusePort: false))
      held.append(try ListeningSocket.bind(host: address, port: port, transport: .tcp, reusePort: false))
      held.append(try ListeningSocket.bind(host: address, port: port, transport: .udp, reusePort: false))
      return port
    } catch {
      continue
    }
  }
  throw HarnessError("no free port on \(address) and ::1")
}
