import Glibc
import PetrelControl
import PetrelSystem
import PetrelTestSupport
import SystemPackage
import Testing

/// SplitMix64: a small seeded generator, so a failing run can be repeated exactly.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}

@Suite struct MalformedInputTests {
  /// Sends `bytes`, stops sending, and returns the server's response.
  func response(to bytes: [UInt8], server: TestServer) throws -> ControlResponse {
    let connection = try RawConnection(path: server.socketPath)
    connection.send(bytes)
    connection.finishSending()
    return try connection.readResponse()
  }

  @Test func everyMalformedRequestIsRefusedWithItsReason() throws {
    let server = try TestServer(limits: ControlServerLimits(maximumRequestSize: 1000))
    let cases: [(bytes: [UInt8], reason: String)] = [
      (Array("GET / HTTP/1.0\r\n\r\n".utf8), "malformed request: not a Petrel control frame"),
      (
        ControlFrameHeader(kind: .request, payloadLength: 0xffff_ffff).encoded,
        "malformed request: a payload of 4294967295 bytes exceeds the limit of 1000 bytes"
      ),
      (
        ControlFrameHeader(kind: .request, payloadLength: 1001).encoded,
        "malformed request: a payload of 1001 bytes exceeds the limit of 1000 bytes"
      ),
      (
        ControlFrameHeader(kind: .request, payloadLength: 50).encoded + Array(repeating: 0x7b, count: 10),
        "malformed request: the connection ended after 10 of 50 payload bytes"
      ),
      (
        Array(ControlFrameHeader(kind: .request, payloadLength: 0).encoded.prefix(7)),
        "malformed request: the connection ended after 7 of the 12 header bytes"
      ),
      (ControlProtocol.magic + [0, 1, 9, 0, 0, 0, 0, 0], "malformed request: unknown frame kind 9"),
      (ControlProtocol.magic + [0, 1, 1, 4, 0, 0, 0, 0], "malformed request: reserved header flags set (0x04)"),
      (
        ControlFrame(kind: .response, payload: Array("{}".utf8)).bytes,
        "malformed request: expected a request frame, got a response frame"
      ),
      (requestFrame(""), "malformed request: "),
      (requestFrame("[1,2,3]"), "malformed request: "),
      (requestFrame(#"{"command":"ping","options":{"a":1}}"#), "malformed request: "),
      (requestFrame(#"{"command":"shutdown-everything"}"#), "unknown command 'shutdown-everything'"),
      (requestFrame(#"{"command":"stats","options":{"format":"xml"}}"#), "stats: 'xml' is not a valid format"),
      (requestFrame(#"{"command":"trace","descriptors":0}"#), "trace takes NAME [TYPE], 0 arguments given"),
    ]
    for (bytes, reason) in cases {
      let response = try response(to: bytes, server: server)
      #expect(response.status == .refused, "\(reason)")
      #expect(response.message.hasPrefix(reason), "\(response.message)")
      #expect(server.logs.contains("refused control request: \(reason)"))
    }
    #expect(server.handler.callCount == 0)
    #expect(try server.client().send(ControlRequest(.ping)).status == .ok)
  }

  @Test func randomBytesNeverHurtTheServer() throws {
    let server = try TestServer(limits: ControlServerLimits(requestTimeout: .milliseconds(50)))
    var random = SeededGenerator(state: 0x5eed_c0de)
    for round in 0..<300 {
      var bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
      // A third start like a real header, so the checks past the magic are reached too.
      if round % 3 == 0 {
        bytes = ControlProtocol.magic + [0, 1, UInt8.random(in: 0...4, using: &random), 0] + bytes
      }
      let connection = try RawConnection(path: server.socketPath)
      connection.send(bytes)
      if round % 2 == 0 { connection.finishSending() }
      _ = connection.readToEnd()
    }
    #expect(try server.client().send(ControlRequest(.ping)) == .ok("pong: ping"))
    #expect(server.handler.callCount == 1)
    #expect(server.logs.all.contains { $0.level == .warning && $0.message.hasPrefix("refused control request") })
  }

  @Test func clientsThatHangUpAtEveryPointAreSurvived() throws {
    let frame = requestFrame(#"{"command":"ping"}"#)
    // Room for every abandoned session still winding down, so the last ping is never "busy".
    let server = try TestServer(limits: ControlServerLimits(maximumConnections: frame.count + 1))
    for cut in 0..<frame.count {
      let connection = try RawConnection(path: server.socketPath)
      connection.send(Array(frame.prefix(cut)))
      connection.close()
    }
    #expect(try server.client().send(ControlRequest(.ping)).status == .ok)
  }
}
