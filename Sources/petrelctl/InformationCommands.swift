import ArgumentParser
import PetrelControl

// The commands that ask the daemon about itself and print its answer.

/// `petrelctl ping`: is the daemon there?
struct Ping: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Check that the daemon answers.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.ping)).run(connection) }
}

/// `petrelctl version`: the running daemon's version.
struct Version: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "Print the running daemon's version.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.version)).run(connection) }
}

/// `petrelctl status`: the daemon's state.
struct Status: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the daemon's state: uptime, listeners, cache sizes, queries in flight.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.status)).run(connection) }
}

/// `petrelctl stats`: the daemon's counters in one of three formats.
struct Stats: ParsableCommand {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, prometheus, json
  }

  static let configuration = CommandConfiguration(abstract: "Print the daemon's counters.")
  @Option(help: "Output format.") var format: Format = .text
  @OptionGroup var connection: ConnectionOptions

  func run() throws {
    try Invocation(ControlRequest(.stats, options: ["format": format.rawValue])).run(connection)
  }
}

/// `petrelctl privileges`: what the daemon holds, as the kernel reports it.
struct Privileges: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print what the running daemon holds, as the kernel reports it: IDs, groups, capabilities, "
      + "no_new_privs, seccomp, Landlock.")
  @OptionGroup var connection: ConnectionOptions

  func run() throws { try Invocation(ControlRequest(.privileges)).run(connection) }
}
