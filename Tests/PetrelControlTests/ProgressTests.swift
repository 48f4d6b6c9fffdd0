import Glibc
import PetrelControl
import PetrelSystem
import PetrelTestSupport
import Synchronization
import SystemPackage
import Testing

@Suite struct ProgressTests {
  @Test func progressKeepsALongOperationAlivePastTheClientTimeout() async throws {
    let timeout = Duration.milliseconds(500)
    let server = try TestServer(
      limits: ControlServerLimits(progressInterval: .zero),
      handler: ClosureHandler { _, _, progress in
        // Three client timeouts in all, never more than a few milliseconds without progress. The handler
        // runs on its session's own thread and may block there, which keeps this test independent of the
        // concurrency pool that other tests keep busy (a Task.sleep needs a pool thread to wake up).
        let end = ContinuousClock.now + timeout * 3
        var step = 0
        while ContinuousClock.now < end {
          usleep(10_000)
          step += 1
          try progress.report(message: "working", fields: ["step": .count(step)])
        }
        return .ok("finished", fields: ["steps": .count(step)])
      })
    let client = server.client(timeout: timeout)
    let started = ContinuousClock.now
    let (outcome, frames) = await onThread {
      let frames = Mutex<[ControlProgress]>([])
      let response = Result {
        try client.send(ControlRequest(.status)) { progress in frames.withLock { $0.append(progress) } }
      }
      return (response, frames.withLock { $0 })
    }
    let response = try outcome.get()
    #expect(ContinuousClock.now - started > timeout)
    #expect(response.status == .ok && response.message == "finished")
    #expect(!frames.isEmpty)
    #expect(frames.allSatisfy { $0.message == "working" })
    let steps: [Int64] = frames.map { $0.fields["step"]?.integerValue ?? 0 }
    let expected: [Int64] = frames.indices.map { Int64($0 + 1) }
    #expect(steps == expected)
  }

  @Test func aStalledHandlerTimesOutAndIsCancelledWhenTheClientLeaves() async throws {
    let cancelled = Flag()
    let server = try TestServer(
      handler: ClosureHandler { request, _, _ in
        guard request.command == .status else { return .ok("pong") }
        do {
          try await Task.sleep(for: .seconds(3600))
        } catch {
          cancelled.set()
          throw error
        }
        return .ok()
      })
    let client = server.client(timeout: .milliseconds(200))
    let outcome = await onThread { Result { try client.send(ControlRequest(.status)) } }
    #expect(throws: ControlClientError.timedOut(.milliseconds(200))) { try outcome.get() }
    #expect(await server.logs.appears("control client disconnected during status"))
    #expect(await eventually { cancelled.isSet })
    // The server goes on serving.
    #expect(try await onThread { Result { try server.client().send(ControlRequest(.ping)) } }.get() == .ok("pong"))
  }

  @Test func aClientThatLeavesWhileTheDaemonWaitsOnAStalledReaderFreesTheSession() async throws {
    let server = try TestServer(handler: dumpHandler(records: 100_000))
    let pipe = try TestPipe()
    defer { closeAll(pipe) }
    let connection = try RawConnection(path: server.socketPath)
    connection.send(
      try ControlFrame.request(ControlRequest(.dumpCache, descriptorCount: 1)).bytes, descriptors: [pipe.writeEnd])
    // Nobody reads the pipe: the writer fills it and waits. Then the client goes away.
    #expect(await eventually { server.handler.callCount == 1 })
    connection.close()
    #expect(await server.logs.appears("control client disconnected during dump-cache"))
    // The session has ended: its copy of the pipe's write end is closed.
    #expect(await eventually { controlDescriptors(socketPath: "-", identities: [pipe.identity]).count == 2 })
    #expect(try await onThread { Result { try server.client().send(ControlRequest(.ping)) } }.get() == .ok("pong"))
  }

  @Test func aClientThatLeavesMidResponseDoesNotDisturbTheServer() async throws {
    let server = try TestServer(
      limits: ControlServerLimits(progressInterval: .zero),
      handler: ClosureHandler { request, _, progress in
        guard request.command == .status else { return .ok("pong") }
        // Progress until the client has gone: then report throws and the handler stops.
        while true {
          try progress.report(message: "still here")
          try await Task.sleep(for: .milliseconds(1))
        }
      })
    let connection = try RawConnection(path: server.socketPath)
    connection.send(requestFrame(#"{"command":"status"}"#))
    // Read the first progress frame, then hang up in the middle of the stream.
    var header = [UInt8](repeating: 0, count: ControlProtocol.headerSize)
    #expect(recv(connection.socket.rawValue, &header, header.count, CInt(MSG_WAITALL)) == header.count)
    #expect(try ControlFrameHeader(decoding: header).kind == .progress)
    connection.close()
    #expect(await server.logs.appears("control client disconnected during status"))
    #expect(try await onThread { Result { try server.client().send(ControlRequest(.ping)) } }.get() == .ok("pong"))
  }
}
