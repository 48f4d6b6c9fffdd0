import Foundation
import Glibc

/// What a finished child process left behind.
struct ProcessOutcome: Sendable, CustomStringConvertible {
  var status: Int32
  var standardOutput: String
  var standardError: String

  var description: String {
    "exit \(status)\nstdout: \(standardOutput.prefix(2000))\nstderr: \(standardError.prefix(2000))"
  }
}

/// Runs `arguments` (the first is the executable) to the end, with `input` on standard input; output is
/// collected through files so that a large output never blocks the child.
func run(_ arguments: [String], input: String = "", environment: [String: String]? = nil) throws -> ProcessOutcome {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: arguments[0])
  process.arguments = Array(arguments.dropFirst())
  if let environment { process.environment = environment }
  let directory = try temporaryDirectory("out")
  defer { try? FileManager.default.removeItem(atPath: directory) }
  let outPath = directory + "/stdout"
  let errPath = directory + "/stderr"
  let inPath = directory + "/stdin"
  try writeFile(outPath, "")
  try writeFile(errPath, "")
  try writeFile(inPath, input)
  process.standardOutput = FileHandle(forWritingAtPath: outPath)
  process.standardError = FileHandle(forWritingAtPath: errPath)
  process.standardInput = FileHandle(forReadingAtPath: inPath)
  try process.run()
  process.waitUntilExit()
  return ProcessOutcome(
    status: process.terminationStatus, standardOutput: readFile(outPath), standardError: readFile(errPath))
}

/// Runs a command line through `/bin/sh -c`, for real shell pipelines.
func shell(_ command: String) throws -> ProcessOutcome {
  try run(["/bin/sh", "-c", command])
}

/// Single-quotes `text` for `/bin/sh`.
func quoted(_ text: String) -> String {
  "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
}

/// What arrives on `descriptor` within `milliseconds` (one read once something is there; "" if nothing).
func readWithin(_ descriptor: CInt, milliseconds: Int32) -> String {
  var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
  guard poll(&entry, 1, milliseconds) == 1 else { return "" }
  var buffer = [UInt8](repeating: 0, count: 65_536)
  let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
  return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : ""
}
