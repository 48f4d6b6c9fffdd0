import ArgumentParser
import PetrelControl

/// Where the daemon's control socket is and how long to wait for it: the options every subcommand takes.
struct ConnectionOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The control socket.", valueName: "path"))
  var socket: String?

  @Option(help: ArgumentHelp("The daemon's runtime directory; the socket is control.sock in it.", valueName: "dir"))
  var runtimeDirectory: String = ControlClient.defaultRuntimeDirectory

  @Option(
    help: ArgumentHelp("Seconds to wait for the daemon's response or next progress report.", valueName: "seconds"))
  var timeout: Double = 10

  func validate() throws {
    guard timeout.isFinite, timeout > 0, timeout <= 86_400 else {
      throw ValidationError("--timeout must be a number of seconds greater than 0 (at most 86400)")
    }
  }

  var client: ControlClient {
    ControlClient(
      socketPath: socket ?? ControlClient.socketPath(runtimeDirectory: runtimeDirectory),
      timeout: .milliseconds(Int64((timeout * 1000).rounded(.up))))
  }
}
