import ArgumentParser
import PetrelControl

/// One control request as `petrelctl` carries it out: check it, open its file, send it, print the answer,
/// and leave with the matching exit status. The order matters: everything that can fail locally (usage,
/// the output file) fails before the daemon is contacted.
struct Invocation {
  /// The file a command writes or reads.
  enum File {
    case output(OutputTarget, overwrite: Bool)
    case input(InputSource)
  }

  var request: ControlRequest
  var file: File?

  init(_ request: ControlRequest, file: File? = nil) {
    self.request = request
    self.request.descriptorCount = file == nil ? 0 : 1
    self.file = file
  }

  func run(_ connection: ConnectionOptions) throws {
    do {
      try request.validate(attached: request.descriptorCount)
    } catch {
      throw fail("\(error)", .usage)
    }

    let opened: OpenedFile?
    do {
      switch file {
      case .output(let target, let overwrite): opened = try target.open(overwrite: overwrite)
      case .input(let source): opened = try source.open()
      case nil: opened = nil
      }
    } catch {
      throw fail("\(error)", .fileError)
    }
    defer { opened?.close() }

    let display = ProgressDisplay()
    let response: ControlResponse
    do {
      response = try connection.client.send(
        request, descriptors: opened.map { [$0.descriptor] } ?? [], progress: display.show)
    } catch {
      display.clear()
      opened?.removeIfCreatedAndEmpty()
      throw fail("\(error)", ExitStatus(error))
    }
    display.clear()
    try report(response, removingEmpty: opened)
  }

  /// Prints the daemon's answer: on standard output, unless the daemon's output went there (then the
  /// summary goes to standard error, so it cannot end up inside the dump); errors on standard error.
  private func report(_ response: ControlResponse, removingEmpty opened: OpenedFile?) throws {
    let lines =
      (response.message.isEmpty ? [] : [response.message])
      + response.fields.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    guard response.status == .ok else {
      opened?.removeIfCreatedAndEmpty()
      Terminal.error("petrelctl: \(request.command) failed: \(text.isEmpty ? "(no message)\n" : text)")
      throw ExitStatus.commandFailed.exitCode
    }
    if case .output(.standardOutput, _) = file {
      Terminal.error(text)
    } else {
      Terminal.out(text)
    }
  }

  private func fail(_ message: String, _ status: ExitStatus) -> ExitCode {
    Terminal.error("petrelctl: \(message)\n")
    return status.exitCode
  }
}
