import Foundation
import PetrelDNS

/// The whole loopback DNS hierarchy of `Lab/`: root on 127.53.0.1, `test.` on 127.53.1.1, the zones below on
/// 127.53.2.x, every server a `petrel-test-authority` that logs the queries it receives.
///
/// Each test gets its own: `start()` copies the zone files into a new directory under /tmp and starts every
/// server there; `stop()` ends them all. Port 53 on fixed addresses means one lab at a time, so every suite
/// using it is nested in the serialized `Lab` suite.
final class LabHierarchy: Sendable {
  /// The temporary directory holding the zone files, the servers' logs and their output.
  let directory: String
  let servers: [LabServer]
  private let processes: [(server: LabServer, process: ChildProcess)]

  /// What a resolver under test is given as its root hint.
  static let rootHintName = "ns.root-servers.lab."
  static let rootAddress = "127.53.0.1"

  /// Copies the lab and starts all its servers; waits until each accepts TCP. On failure nothing is left running.
  static func start() throws -> LabHierarchy {
    let directory = try makeTemporaryDirectory(prefix: "petrel-lab")
    let fileManager = FileManager.default
    for item in try fileManager.contentsOfDirectory(atPath: TestEnvironment.labSource) {
      try fileManager.copyItem(atPath: "\(TestEnvironment.labSource)/\(item)", toPath: "\(directory)/\(item)")
    }
    let servers = try fileManager.contentsOfDirectory(atPath: "\(directory)/servers").sorted().map { name in
      LabServer(name: name, description: try readTextFile("\(directory)/servers/\(name)"))
    }
    var started: [(server: LabServer, process: ChildProcess)] = []
    do {
      for server in servers {
        let process = try ChildProcess.spawn(
          TestEnvironment.testAuthority, server.arguments + ["--log", "\(server.name).log"], in: directory,
          outputPath: "\(directory)/\(server.name).out")
        started.append((server, process))
      }
      for (server, process) in started {
        guard let address = server.address, TCPProbe.waitUntilAccepting(address) else {
          throw HarnessError.notReady("lab server \(server.name)", output: process.output)
        }
      }
    } catch {
      for (_, process) in started { _ = process.stop() }
      throw error
    }
    return LabHierarchy(directory: directory, servers: servers, processes: started)
  }

  private init(directory: String, servers: [LabServer], processes: [(server: LabServer, process: ChildProcess)]) {
    self.directory = directory
    self.servers = servers
    self.processes = processes
  }

  /// Stops every server; returns those that did not end with exit 0 (a crashed authority is a harness bug).
  func stop() -> [(name: String, termination: ChildProcess.Termination, output: String)] {
    var failures: [(name: String, termination: ChildProcess.Termination, output: String)] = []
    for (server, process) in processes {
      let termination = process.stop()
      if termination != .exited(0) { failures.append((server.name, termination, process.output)) }
    }
    try? FileManager.default.removeItem(atPath: directory)
    return failures
  }

  /// Every query server `name` has received so far, in order.
  func queries(at name: String) -> [LoggedQuery] {
    guard let text = try? readTextFile("\(directory)/\(name).log") else { return [] }
    return text.split(separator: "\n").compactMap(LoggedQuery.init(line:))
  }

  /// Every query any server has received so far.
  func allQueries() -> [(server: String, query: LoggedQuery)] {
    servers.flatMap { server in queries(at: server.name).map { (server.name, $0) } }
  }

  /// The root hints file in the lab directory, for resolvers configured by file.
  var rootHintsPath: String { "\(directory)/root.hints" }
}
