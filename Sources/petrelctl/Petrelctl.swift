import ArgumentParser

/// `petrelctl`: the operator's way into a running `petreld`. Each subcommand is one control request; files
/// it names are opened here, with the operator's own credentials, and handed to the daemon.
@main
struct Petrelctl: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "petrelctl",
    abstract: "Control a running petreld over its control socket.",
    discussion: """
      Files named on the command line are created by petrelctl itself (never overwritten without --force); \
      - means petrelctl's standard output or input. The daemon writes into or reads from the descriptor it is \
      handed and can open no file of its own.

      Exit status: 0 success; 1 the daemon reported an error; 2 the daemon refused the request; 3 the daemon \
      could not be reached; 4 timed out; 5 protocol error (version mismatch, connection closed); 6 the file \
      could not be opened; 64 usage error.
      """,
    subcommands: [
      Ping.self, Version.self, Status.self, Stats.self, Privileges.self,
      DumpCache.self, DumpThrottled.self, Trace.self, TraceQueries.self,
      WipeCache.self, LoadCache.self,
      Reload.self, Quit.self, QuitNicely.self,
    ])
}
