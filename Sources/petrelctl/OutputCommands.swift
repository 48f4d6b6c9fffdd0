import ArgumentParser
import PetrelControl

// The commands whose output the daemon writes into a file petrelctl opened (or its standard output).

/// `--force`, shared by every command that writes a file.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Overwrite FILE if it exists (default: refuse).") var force = false
}

/// `petrelctl dump-cache FILE|-`: the cache, written by the daemon into a file the client created.
struct DumpCache: ParsableCommand {
  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case records, negative, packet, nameservers, all
  }

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  static let configuration = CommandConfiguration(
    commandName: "dump-cache", abstract: "Write the cache's contents to FILE (- for standard output).")
  @Argument(help: ArgumentHelp("The file to create, or - for standard output.", valueName: "file"))
  var file: String
  @Option(help: "Which cache.") var kind: Kind = .all
  @Option(help: "Output format.") var format: Format = .text
  @OptionGroup var output: OutputOptions
  @OptionGroup var connection: ConnectionOptions

  func run() throws {
    try Invocation(
      ControlRequest(.dumpCache, options: ["kind": kind.rawValue, "format": format.rawValue]),
      file: .output(OutputTarget(file), overwrite: output.force)
    ).run(connection)
  }
}

/// `petrelctl dump-throttled FILE|-`: the throttled nameservers, written like a dump.
struct DumpThrottled: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dump-throttled",
    abstract: "Write the nameservers the daemon currently throttles to FILE (- for standard output).")
  @Argument(help: ArgumentHelp("The file to create, or - for standard output.", valueName: "file"))
  var file: String
  @OptionGroup var output: OutputOptions
  @OptionGroup var connection: ConnectionOptions

  func run() throws {
    try Invocation(ControlRequest(.dumpThrottled), file: .output(OutputTarget(file), overwrite: output.force))
      .run(connection)
  }
}

/// `petrelctl trace NAME [TYPE] FILE|-`: one resolution, traced step by step.
struct Trace: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Resolve NAME (type TYPE, default A) bypassing the cache and write a trace of every step to FILE.")
  @Argument(help: "The name to resolve.") var name: String
  @Argument(
    help: ArgumentHelp(
      "The record type (optional), then the file to create or - for standard output.",
      valueName: "type-and-file"))
  var rest: [String] = []
  @OptionGroup var output: OutputOptions
  @OptionGroup var connection: ConnectionOptions

  func validate() throws {
    guard (1...2).contains(rest.count) else { throw ValidationError("usage: petrelctl trace NAME [TYPE] FILE|-") }
  }

  func run() throws {
    try Invocation(
      ControlRequest(.trace, arguments: [name] + rest.dropLast()),
      file: .output(OutputTarget(rest.last!), overwrite: output.force)
    ).run(connection)
  }
}

/// `petrelctl trace-queries REGEX FILE|-` and `--stop`: a trace of matching client queries.
struct TraceQueries: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trace-queries",
    abstract: "Trace every query whose name matches REGEX into FILE until --stop (one trace at a time).")
  @Argument(help: "A regular expression matched against query names.") var regex: String?
  @Argument(help: ArgumentHelp("The file to create, or - for standard output.", valueName: "file"))
  var file: String?
  @Flag(help: "Stop the running trace.") var stop = false
  @OptionGroup var output: OutputOptions
  @OptionGroup var connection: ConnectionOptions

  func validate() throws {
    if stop {
      guard regex == nil, file == nil else { throw ValidationError("--stop takes no REGEX or FILE") }
    } else {
      guard regex != nil, file != nil else {
        throw ValidationError("usage: petrelctl trace-queries REGEX FILE|-, or trace-queries --stop")
      }
    }
  }

  func run() throws {
    if stop {
      try Invocation(ControlRequest(.traceQueries, options: ["stop": "true"])).run(connection)
    } else {
      try Invocation(
        ControlRequest(.traceQueries, arguments: [regex!]),
        file: .output(OutputTarget(file!), overwrite: output.force)
      ).run(connection)
    }
  }
}
