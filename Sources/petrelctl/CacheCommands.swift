import ArgumentParser
import PetrelControl

// The commands that change the cache.

/// `petrelctl wipe-cache NAME...`: removes names (or subtrees) from the caches.
struct WipeCache: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "wipe-cache",
    abstract: "Remove NAME from every cache; NAME$ removes NAME and everything below it.")
  @Argument(help: ArgumentHelp("Names to wipe; a trailing $ wipes the whole subtree.", valueName: "name"))
  var names: [String]
  @OptionGroup var connection: ConnectionOptions

  func validate() throws {
    guard !names.isEmpty else { throw ValidationError("give at least one NAME") }
  }

  func run() throws { try Invocation(ControlRequest(.wipeCache, arguments: names)).run(connection) }
}

/// `petrelctl load-cache FILE|-`: hands an input the client opened to the daemon.
struct LoadCache: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "load-cache", abstract: "Load records (in dump-cache format) from FILE (- for standard input).")
  @Argument(help: ArgumentHelp("The file to read, or - for standard input.", valueName: "file"))
  var file: String
  @OptionGroup var connection: ConnectionOptions

  func run() throws {
    try Invocation(ControlRequest(.loadCache), file: .input(InputSource(file))).run(connection)
  }
}
