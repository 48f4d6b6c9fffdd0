import ArgumentParser
import PetrelControl

// The commands that reload or stop the daemon.

struct Reload: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Re-read the configuration files the daemon read at start-up, keeping its sockets and cache.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.reload)).run(connection) }
}

struct Quit: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Stop the daemon now; queries in flight are dropped.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.quit)).run(connection) }
}

struct QuitNicely: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "quit-nicely", abstract: "Stop reading new queries, answer those in flight, then exit.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.quitNicely)).run(connection) }
}
