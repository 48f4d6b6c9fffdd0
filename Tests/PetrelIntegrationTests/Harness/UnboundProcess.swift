import Foundation

/// Debian's Unbound, configured from `Lab/unbound.conf.in` exactly as scripts/interop configures it: the
/// reference the lab tests are validated against.
struct UnboundProcess: ResolverUnderTest {
  static var executable: String? { TestEnvironment.onPath("unbound") }

  let process: ChildProcess
  let address: String
  var name: String { "unbound" }
  var reportsExtendedErrorWhenAllRefuse: Bool { false }

  static func start(in lab: LabHierarchy, address: String) throws -> UnboundProcess {
    guard let executable else { throw HarnessError.cannotStart("unbound", reason: "not installed") }
    let directory = "\(lab.directory)/unbound"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let configuration = try readTextFile("\(lab.directory)/unbound.conf.in")
      .replacingOccurrences(of: "@ADDRESS@", with: address)
      .replacingOccurrences(of: "@DIRECTORY@", with: directory)
      .replacingOccurrences(of: "@ROOT_HINTS@", with: lab.rootHintsPath)
    try configuration.write(toFile: "\(directory)/unbound.conf", atomically: true, encoding: .utf8)
    let process = try ChildProcess.spawn(
      executable, ["-d", "-c", "\(directory)/unbound.conf"], in: directory, outputPath: "\(directory)/unbound.out")
    guard waitUntilAnswering(address) else {
      let termination = process.stop()
      throw HarnessError.notReady(
        "unbound (\(termination))", output: process.output + ((try? readTextFile("\(directory)/unbound.log")) ?? ""))
    }
    return UnboundProcess(process: process, address: address)
  }

  func stop() -> ChildProcess.Termination { process.stop() }
  var output: String { process.output }
}
