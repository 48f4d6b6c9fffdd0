import ArgumentParser
import Glibc
import PetrelServer

/// `petreld`: the command line, parsed into `DaemonOptions` and handed to `PetrelDaemon`.
struct Petreld: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "petreld",
    abstract: "Petrel recursive DNS resolver daemon.",
    discussion: "Options given here override the configuration file. SIGTERM or SIGINT stops it cleanly.")

  @Option(name: .customLong("config"), help: ArgumentHelp("The YAML configuration file.", valueName: "file"))
  var configurationFile: String?

  @Option(
    help: ArgumentHelp(
      "Listen on ADDR:PORT, UDP and TCP (repeatable; replaces the file's list).", valueName: "addr:port"))
  var listen: [String] = []

  @Option(help: ArgumentHelp("Root hints file (named.root format).", valueName: "file"))
  var rootHints: String?

  @Option(help: ArgumentHelp("A single (lab) root server.", valueName: "name=address"))
  var rootHint: String?

  @Option(help: "Event loops; default one per core.")
  var threads: Int?

  @Option(help: "trace, debug, info, notice, warning, error or critical.")
  var logLevel: String?

  @Flag(name: .customLong("no-qname-minimisation"), help: "Send the full query name to every server.")
  var noQNameMinimisation = false

  @Option(help: ArgumentHelp("Clients allowed to query (repeatable; replaces the file's list).", valueName: "net"))
  var allowFrom: [String] = []

  @Option(
    help: ArgumentHelp("Never send queries to this network (repeatable); 'none' empties the list.", valueName: "net"))
  var dontQuery: [String] = []

  func run() throws {
    var options = DaemonOptions()
    options.configurationFile = configurationFile
    options.listen = listen
    options.rootHintsFile = rootHints
    options.rootHint = rootHint
    options.threads = threads
    options.logLevel = logLevel
    options.noQNameMinimisation = noQNameMinimisation
    options.allowFrom = allowFrom
    options.dontQuery = dontQuery
    let status = PetrelDaemon.run(options)
    if status != 0 { throw ExitCode(status) }
  }
}

Petreld.main()
