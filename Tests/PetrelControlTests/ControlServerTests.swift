import Foundation
import Glibc
import PetrelControl
import PetrelSystem
import PetrelTestSupport
import SystemPackage
import Testing

@Suite struct ControlServerTests {
  @Test func pingRoundTrip() throws {
    let server = try TestServer()
    let response = try server.client().send(ControlRequest(.ping))
    #expect(response == .ok("pong: ping"))
    #expect(server.handler.callCount == 1)
    #expect(server.logs.contains("control command: ping"))
  }

  @Test func handlerErrorsBecomeErrorResponses() throws {
    struct Broken: Error, CustomStringConvertible {
      var description: String { "the cache is on fire" }
    }
    let server = try TestServer(
      handler: ClosureHandler { request, _, _ in
        switch request.command {
        case .status: throw Broken()
        case .reload: throw DescriptorWriteError.failed(.noSpace, bytesWritten: 10, recordsWritten: 2)
        default: return .refused("not now")
        }
      })
    let client = server.client()
    #expect(try client.send(ControlRequest(.status)) == .error("the cache is on fire"))
    let structured = try client.send(ControlRequest(.reload))
    #expect(structured.status == .error)
    #expect(structured.fields["bytes"] == 10 && structured.fields["records"] == 2)
    #expect(structured.fields["errno"] == .count(ENOSPC))
    #expect(throws: ControlClientError.refused("not now")) { try client.send(ControlRequest(.quit)) }
  }

  @Test func clientTextCannotForgeLogLines() throws {
    let server = try TestServer()
    let long = String(repeating: "a", count: 5000)
    _ = try server.client().send(ControlRequest(.wipeCache, arguments: ["evil.\nFAKE: root logged in", long]))
    let line = server.logs.all.first { $0.message.hasPrefix("control command: wipe-cache") }?.message ?? ""
    #expect(line.hasPrefix("control command: wipe-cache evil.\\u{a}FAKE: root logged in aaaa"))
    #expect(line.hasSuffix("a…") && line.count < 400)
    #expect(server.logs.all.allSatisfy { !$0.message.contains("\n") })
  }

  @Test func aClientThatSaysNothingIsDropped() throws {
    let server = try TestServer(limits: ControlServerLimits(requestTimeout: .milliseconds(100)))
    let silent = try RawConnection(path: server.socketPath)
    let response = try silent.readResponse()
    #expect(response.status == .refused)
    #expect(response.message.hasPrefix("no complete request within"))
    // Half a header, then silence: the same.
    let slow = try RawConnection(path: server.socketPath)
    slow.send(Array(ControlProtocol.magic.prefix(3)))
    #expect(try slow.readResponse().message.hasPrefix("no complete request within"))
    #expect(server.logs.contains("refused control request: no complete request"))
    #expect(server.handler.callCount == 0)
  }

  @Test func oversizedRequestsAreRefused() throws {
    let server = try TestServer(limits: ControlServerLimits(maximumRequestSize: 100))
    let names = (0..<20).map { "name\($0).example" }
    #expect(throws: ControlClientError.self) { try server.client().send(ControlRequest(.wipeCache, arguments: names)) }
    #expect(server.logs.contains("exceeds the limit of 100 bytes"))
    #expect(try server.client().send(ControlRequest(.wipeCache, arguments: ["a."])).status == .ok)
    #expect(server.handler.callCount == 1)
  }

  @Test func connectionsBeyondTheLimitAreToldTheDaemonIsBusy() async throws {
    let gate = Gate()
    let server = try TestServer(
      limits: ControlServerLimits(maximumConnections: 1),
      handler: ClosureHandler { _, _, _ in
        try await gate.wait()
        return .ok("done")
      })
    let client = server.client()
    async let first = onThread { Result { try client.send(ControlRequest(.status)) } }
    #expect(await eventually { server.handler.callCount == 1 })
    let second = await onThread { Result { try client.send(ControlRequest(.ping)) } }
    #expect {
      try second.get()
    } throws: { error in
      guard case ControlClientError.refused(let message) = error else { return false }
      return message.hasPrefix("the daemon is busy")
    }
    gate.open()
    #expect(try await first.get() == .ok("done"))
    #expect(await server.logs.appears("too many connections"))
  }

  @Test func stopClosesTheSocketAndRemovesItsFile() throws {
    let server = try TestServer()
    #expect(access(server.socketPath, F_OK) == 0)
    server.stop()
    #expect(access(server.socketPath, F_OK) != 0)
    #expect(throws: ControlClientError.daemonNotRunning(path: server.socketPath, reason: "no such socket")) {
      try server.client().send(ControlRequest(.ping))
    }
    server.stop()  // twice is harmless
  }

  @Test func stopCancelsRunningHandlersAndWaitsForThem() async throws {
    let server = try TestServer(
      handler: ClosureHandler { _, _, _ in
        try await Task.sleep(for: .seconds(3600))
        return .ok()
      })
    let client = server.client()
    async let outcome = onThread { Result { try client.send(ControlRequest(.status)) } }
    #expect(await eventually { server.handler.callCount == 1 })
    await onThread { server.stop() }
    #expect(try await outcome.get() == .error("cancelled: the daemon is stopping"))
  }

  @Test func stopDoesNotWaitForClientsThatSayNothing() async throws {
    let server = try TestServer(limits: ControlServerLimits(requestTimeout: .seconds(3600)))
    let silent = try RawConnection(path: server.socketPath)
    #expect(await server.logs.appears("control connection allowed"))
    let stopped = Flag()
    Thread.detachNewThread {
      server.stop()
      stopped.set()
    }
    #expect(await eventually { stopped.isSet })
    #expect(silent.readToEnd().isEmpty)
  }

  @Test func notStartableTwice() throws {
    let server = try TestServer()
    #expect(throws: ControlServerError.notStartable) { try server.server.start() }
    server.stop()
    #expect(throws: ControlServerError.notStartable) { try server.server.start() }
  }
}
