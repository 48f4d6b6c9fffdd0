/// The real `petreld` binary, built by `swift build` next to the test bundle, resolving from the lab's root.
struct PetreldProcess: ResolverUnderTest {
  static var executable: String { TestEnvironment.product("petreld") }

  let process: ChildProcess
  let address: String
  var name: String { "petreld" }
  var reportsExtendedErrorWhenAllRefuse: Bool { true }

  /// Starts it on `address`:53 with the lab's root as its only root hint, allowed to query loopback.
  static func start(in lab: LabHierarchy, address: String, extraArguments: [String] = []) throws -> PetreldProcess {
    let arguments =
      [
        "--listen", "\(address):53", "--root-hint", "\(LabHierarchy.rootHintName)=\(LabHierarchy.rootAddress)",
        "--dont-query", "none",
      ] + extraArguments
    let process = try ChildProcess.spawn(
      executable, arguments, in: lab.directory, outputPath: "\(lab.directory)/petreld.out")
    guard waitUntilAnswering(address) else {
      let termination = process.stop()
      throw HarnessError.notReady("petreld (\(termination))", output: process.output)
    }
    return PetreldProcess(process: process, address: address)
  }

  func stop() -> ChildProcess.Termination { process.stop() }
  var output: String { process.output }
}
