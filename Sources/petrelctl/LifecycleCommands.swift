import ArgumentParser
import PetrelControl

// The commands that reload or stop the daemon.

/// `petrelctl reload`: asks the daemon to reload its configuration.
struct Reload: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Ask the daemon to reload its configuration; a refused configuration leaves the old one running.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.reload)).run(connection) }
}

/// `petrelctl quit`: stops the daemon now.
struct Quit: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Stop the daemon now; queries in flight are dropped.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.quit)).run(connection) }
}

/// `petrelctl quit-nicely`: stops the daemon after the queries in flight.
struct QuitNicely: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quit-nicely", abstract: "Stop gracefully: accept no new queries, answer those in flight, then exit.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.quitNicely)).run(connection) }
}
