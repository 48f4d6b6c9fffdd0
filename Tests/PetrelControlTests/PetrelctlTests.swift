import Foundation
import Glibc
import PetrelControl
import SystemPackage
import Testing

/// A handler that echoes the request back and, for commands with an output, writes `hello` into it.
func echoHandler() -> ClosureHandler {
  ClosureHandler { request, descriptors, progress in
    let summary =
      "\(request.command) \(request.arguments) \(request.options.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })"
    switch request.descriptorUse {
    case .output:
      var writer = try DescriptorWriter(descriptors[0], progress: progress)
      try writer.write(record: "hello\n")
      try writer.finish()
      return .ok(summary, fields: writer.progressFields)
    case .input:
      var reader = try DescriptorReader(descriptors[0], progress: progress)
      var bytes: [UInt8] = []
      while case let chunk = try reader.read(), !chunk.isEmpty { bytes += chunk }
      return .ok(summary + " read: " + String(decoding: bytes, as: UTF8.self))
    case .none:
      return request.command == .reload ? .error("configuration error on line 3") : .ok(summary)
    }
  }
}

/// `petrelctl` itself, as an operator runs it (built next to the test bundle by `swift build --build-tests`).
@Suite struct PetrelctlTests {
  func petrelctl(_ arguments: [String], server: TestServer, in directory: String? = nil, input: String = "")
    async throws -> ProcessOutcome
  {
    try await runProcess(
      [petrelctlPath] + arguments + ["--socket", server.socketPath], in: directory, input: Array(input.utf8))
  }

  @Test func dumpCacheCreatesTheFileRelativeToTheClientsDirectory() async throws {
    let server = try TestServer(handler: echoHandler())
    let outcome = try await petrelctl(
      ["dump-cache", "dump.txt", "--kind", "records", "--format", "json"], server: server, in: server.directory.path)
    #expect(outcome.status == 0, "\(outcome)")
    #expect(contents(of: server.directory.file("dump.txt")) == "hello\n")
    #expect(outcome.standardOutput == "dump-cache [] [\"format=json\", \"kind=records\"]\nbytes: 6\nrecords: 1\n")
    #expect(outcome.standardError.isEmpty)
  }

  @Test func dashWritesToStandardOutputAndTheSummaryToStandardError() async throws {
    let server = try TestServer(handler: echoHandler())
    let outcome = try await petrelctl(["dump-throttled", "-"], server: server)
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.standardOutput == "hello\n")
    #expect(outcome.standardError == "dump-throttled [] []\nbytes: 6\nrecords: 1\n")
  }

  @Test func anExistingFileIsRefusedBeforeConnecting() async throws {
    let server = try TestServer(handler: echoHandler())
    let path = server.directory.file("existing")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("old".utf8)))
    let refused = try await petrelctl(["dump-cache", path], server: server)
    #expect(refused.status == 6)
    #expect(refused.standardError == "petrelctl: \(path) already exists (use --force to overwrite it)\n")
    #expect(contents(of: path) == "old")
    #expect(server.handler.callCount == 0)

    let forced = try await petrelctl(["dump-cache", path, "--force"], server: server)
    #expect(forced.status == 0, "\(forced)")
    #expect(contents(of: path) == "hello\n")
  }

  @Test func aMissingDirectoryIsReportedBeforeConnecting() async throws {
    let server = try TestServer(handler: echoHandler())
    let path = server.directory.file("missing/dump")
    let outcome = try await petrelctl(["trace", "example.com", "AAAA", path], server: server)
    #expect(outcome.status == 6)
    #expect(outcome.standardError == "petrelctl: \(path): no such file or directory\n")
    #expect(server.handler.callCount == 0)
  }

  @Test(.enabled(if: runningAsRoot, "switching to nobody needs root"))
  func aDirectoryNobodyMayWriteIsReportedBeforeConnecting() async throws {
    // The socket is open to everyone and nobody is not authorised: had petrelctl connected, the daemon
    // would have refused it (status 2) and logged the attempt.
    let server = try TestServer(
      mode: FilePermissions(rawValue: 0o666), authorization: ControlAuthorization(daemonUserID: 0))
    let path = server.directory.file("dump")  // the directory is root's, mode 0755
    let outcome = try await runProcess(asNobody([petrelctlPath, "dump-cache", path, "--socket", server.socketPath]))
    #expect(outcome.status == 6, "\(outcome)")
    #expect(outcome.standardError == "petrelctl: \(path): permission denied\n")
    #expect(access(path, F_OK) != 0)
    #expect(server.handler.callCount == 0)
    #expect(server.logs.all.allSatisfy { $0.metadata["peer"] == nil })
  }

  @Test func loadCacheReadsStandardInput() async throws {
    let server = try TestServer(handler: echoHandler())
    let outcome = try await petrelctl(["load-cache", "-"], server: server, input: "example. 60 IN A 192.0.2.7\n")
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.standardOutput == "load-cache [] [] read: example. 60 IN A 192.0.2.7\n\n")
  }

  @Test func argumentsAndOptionsReachTheDaemon() async throws {
    let server = try TestServer(handler: echoHandler())
    let cases: [([String], String)] = [
      (["ping"], "ping [] []\n"),
      (["stats", "--format", "prometheus"], "stats [] [\"format=prometheus\"]\n"),
      (["wipe-cache", "example.com", "example.net$"], "wipe-cache [\"example.com\", \"example.net$\"] []\n"),
      (["trace-queries", "--stop"], "trace-queries [] [\"stop=true\"]\n"),
      (["trace", "example.org", "-"], "hello\n"),
      (["trace-queries", "^www\\.", "-"], "hello\n"),
    ]
    for (arguments, expected) in cases {
      let outcome = try await petrelctl(arguments, server: server)
      #expect(outcome.status == 0 && outcome.standardOutput == expected, "\(arguments): \(outcome)")
    }
  }

  @Test func theDaemonsErrorIsTheExitStatus() async throws {
    let server = try TestServer(handler: echoHandler())
    let outcome = try await petrelctl(["reload"], server: server)
    #expect(outcome.status == 1)
    #expect(outcome.standardError == "petrelctl: reload failed: configuration error on line 3\n")
  }

  @Test func anEmptyFileLeftByAFailedRequestIsRemoved() async throws {
    let server = try TestServer(handler: ClosureHandler { _, _, _ in .error("the cache is locked") })
    let outcome = try await petrelctl(["dump-cache", "dump"], server: server, in: server.directory.path)
    #expect(outcome.status == 1)
    #expect(access(server.directory.file("dump"), F_OK) != 0)
  }

  @Test func usageErrorsAndAnAbsentDaemon() async throws {
    let server = try TestServer(handler: echoHandler())
    for arguments in [
      ["trace", "example.com"], ["trace-queries", "x"], ["trace-queries", "--stop", "x"], ["wipe-cache"],
      ["stats", "--format", "xml"], ["ping", "--timeout", "0"],
    ] {
      let outcome = try await petrelctl(arguments, server: server)
      #expect(outcome.status == 64, "\(arguments): \(outcome)")
    }
    #expect(server.handler.callCount == 0)
    server.stop()
    let absent = try await petrelctl(["ping"], server: server)
    #expect(absent.status == 3)
    #expect(absent.standardError == "petrelctl: the daemon is not running (\(server.socketPath): no such socket)\n")
  }

  @Test func aStalledDaemonTimesOut() async throws {
    let server = try TestServer(
      handler: ClosureHandler { _, _, _ in
        try await Task.sleep(for: .seconds(3600))
        return .ok()
      })
    let outcome = try await petrelctl(["status", "--timeout", "0.2"], server: server)
    #expect(outcome.status == 4)
    #expect(outcome.standardError == "petrelctl: no response or progress from the daemon for 0.2 seconds\n")
  }
}
