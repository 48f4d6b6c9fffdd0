import Logging
import PetrelScenarioReplay

#if canImport(Glibc)
  import Glibc
#endif

// petrel-replay [--scenarios DIR] [--mode on|off] [--trace] [FILE.rpl …]
// Replays Deckard scenarios against Petrel's resolver; prints each failure and the pass/fail/skip table.

var directory: String? = nil
var modes: [MinimisationMode]? = nil
var trace = false
var files: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
  switch argument {
  case "--scenarios": directory = arguments.popFirst()
  case "--mode": modes = arguments.popFirst().flatMap(MinimisationMode.init(rawValue:)).map { [$0] }
  case "--trace": trace = true
  case "--help", "-h":
    print("usage: petrel-replay [--scenarios DIR] [--mode on|off] [--trace] [FILE.rpl …]")
    exit(0)
  default: files.append(argument)
  }
}

let repositoryRoot = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/"))
let catalog = directory.map(ScenarioCatalog.init(directory:)) ?? ScenarioCatalog(besideRepository: "/" + repositoryRoot)
let logLevel: Logger.Level = trace ? .trace : .warning
LoggingSystem.bootstrap { label in
  var handler = StreamLogHandler.standardError(label: label)
  handler.logLevel = logLevel
  return handler
}

do {
  let names = files.isEmpty ? try catalog.fileNames() : files
  var summary = ConformanceSummary()
  for name in names {
    let scenario: Scenario
    do {
      scenario = try catalog.load(name)
    } catch {
      print("PARSE ERROR \(error)")
      continue
    }
    for mode in modes?.filter(scenario.modes.contains) ?? scenario.modes {
      let outcome = await ScenarioRunner(scenario: scenario, mode: mode).run()
      summary.record(outcome, prefix: scenario.prefix, mode: mode)
      switch outcome {
      case .passed: print("PASS \(name) qmin=\(mode)")
      case .skipped(let reason): print("SKIP \(name) qmin=\(mode): \(reason)")
      case .failed(let failure): print("FAIL \(name) qmin=\(mode): \(failure)")
      }
    }
  }
  print(summary.markdownTable)
} catch {
  print("error: \(error)")
  exit(1)
}
