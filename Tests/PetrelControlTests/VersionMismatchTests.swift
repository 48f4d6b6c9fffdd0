import Foundation
import Glibc
import PetrelControl
import PetrelSystem
import PetrelTestSupport
import SystemPackage
import Testing

@Suite struct VersionMismatchTests {
  @Test(arguments: [0, 2, 0xffff] as [UInt16])
  func aClientOfAnotherVersionIsToldInAFrameItCanRead(version: UInt16) throws {
    let server = try TestServer()
    let connection = try RawConnection(path: server.socketPath)
    connection.send(requestFrame(#"{"command":"ping"}"#, version: version))
    let frames = try connection.readFrames()
    try #require(frames.count == 1)
    // The header layout is the same in every version: the client can read the daemon's version from it.
    #expect(frames[0].header == ControlFrameHeader(kind: .response, payloadLength: frames[0].payload.count))
    let response = try ControlResponse(decodingPayload: frames[0].payload)
    #expect(response.status == .refused)
    #expect(
      response.message
        == "protocol version mismatch: the client speaks version \(version), this daemon speaks version 1; "
        + "use the petrelctl that came with this petreld")
    #expect(response.fields == ["protocol-version": 1])
    #expect(server.logs.contains("refused control request: protocol version mismatch"))
    #expect(server.handler.callCount == 0)
  }

  /// A stand-in for a daemon of another version: answers any request with `reply` and closes.
  ///
  /// Its thread starts at once, not from a child task: under a loaded test run the cooperative pool may not
  /// schedule a task for longer than the client's timeout.
  func answerOnce(at path: String, with reply: [UInt8]) async throws -> ControlClientError? {
    let socket = try ControlServer.bind(path: path)
    defer { socket.close() }
    let (served, finished) = AsyncStream<Void>.makeStream()
    Thread.detachNewThread {
      defer { finished.finish() }
      guard let connection = try? socket.descriptor.acceptConnection() else { return }
      defer { try? connection.close() }
      var header = [UInt8](repeating: 0, count: ControlProtocol.headerSize)
      _ = recv(connection.rawValue, &header, header.count, CInt(MSG_WAITALL))
      _ = try? connection.writeAll(reply)
    }
    let outcome = await onThread { Result { try ControlClient(socketPath: path).send(ControlRequest(.ping)) } }
    for await _ in served {}
    guard case .failure(let error) = outcome else { return nil }
    return error as? ControlClientError
  }

  @Test func aDaemonOfAnotherVersionIsReportedWithItsMessage() async throws {
    let directory = try TemporaryDirectory()
    let payload = try ControlResponse.refused("this daemon speaks version 2").encodedPayload()
    let error = try await answerOnce(
      at: directory.file("control.sock"), with: ControlFrame(kind: .response, payload: payload, version: 2).bytes)
    #expect(error == .versionMismatch(clientVersion: 1, daemonVersion: 2, message: "this daemon speaks version 2"))
  }

  @Test func aDaemonOfAnotherVersionWithAnUnreadablePayloadIsStillReported() async throws {
    let directory = try TemporaryDirectory()
    let frame = ControlFrame(kind: .response, payload: [0xde, 0xad, 0xbe, 0xef], version: 7).bytes
    let error = try await answerOnce(at: directory.file("control.sock"), with: frame)
    #expect(error == .versionMismatch(clientVersion: 1, daemonVersion: 7, message: nil))
    #expect(error?.description.contains("this petrelctl speaks version 1, the daemon speaks version 7") == true)
  }

  @Test func aDaemonThatSpeaksNonsenseIsAProtocolViolation() async throws {
    let directory = try TemporaryDirectory()
    let error = try await answerOnce(
      at: directory.file("control.sock"), with: Array("HTTP/1.1 400 Bad Request\r\n".utf8))
    guard case .protocolViolation(let reason) = error else {
      Issue.record("expected a protocol violation, got \(String(describing: error))")
      return
    }
    #expect(reason.hasPrefix("not a Petrel control frame"))
  }

  @Test func aDaemonThatClosesWithoutAnsweringIsReported() async throws {
    let directory = try TemporaryDirectory()
    #expect(try await answerOnce(at: directory.file("control.sock"), with: []) == .closedByDaemon)
  }
}
