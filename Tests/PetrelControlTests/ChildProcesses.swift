import Foundation
import Glibc

/// The built `petrelctl`, next to the test bundle: `.build/<config>/petrelctl`.
var petrelctlPath: String {
  let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
  return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("petrelctl").path
}

/// What a finished child process left behind.
struct ProcessOutcome: Sendable {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

/// Runs `arguments` (the first is the executable), optionally in `directory`, with `input` on its
/// standard input.
func runProcess(_ arguments: [String], in directory: String? = nil, input: [UInt8] = []) async throws
  -> ProcessOutcome
{
  let process = Process()
  process.executableURL = URL(fileURLWithPath: arguments[0])
  process.arguments = Array(arguments.dropFirst())
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  let output = Pipe()
  let error = Pipe()
  let standardInput = Pipe()
  process.standardOutput = output
  process.standardError = error
  process.standardInput = standardInput
  try process.run()
  try standardInput.fileHandleForWriting.write(contentsOf: Data(input))
  try standardInput.fileHandleForWriting.close()
  let (out, err) = await onThread {
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (out, err)
  }
  return ProcessOutcome(
    status: process.terminationStatus, standardOutput: String(decoding: out, as: UTF8.self),
    standardError: String(decoding: err, as: UTF8.self))
}

/// `setpriv` switching to `nobody`/`nogroup` with no supplementary groups, then `arguments`.
func asNobody(_ arguments: [String], extraGroups: [UInt32] = []) -> [String] {
  let groups =
    extraGroups.isEmpty ? ["--clear-groups"] : ["--groups", extraGroups.map(String.init).joined(separator: ",")]
  return ["/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup"] + groups + ["--"] + arguments
}

let runningAsRoot = getuid() == 0
