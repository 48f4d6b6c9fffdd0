import PetrelControl
import Testing

@Suite struct FramingTests {
  @Test func headerLayoutIsFixed() throws {
    let header = ControlFrameHeader(kind: .progress, payloadLength: 0x0102_0304)
    #expect(header.encoded == [0x50, 0x54, 0x52, 0x4c, 0x00, 0x01, 0x02, 0x00, 0x01, 0x02, 0x03, 0x04])
    #expect(header.encoded.count == ControlProtocol.headerSize)
    let other = ControlFrameHeader(kind: .response, payloadLength: 7, version: 0xabcd)
    #expect(other.encoded == Array("PTRL".utf8) + [0xab, 0xcd, 0x03, 0x00, 0, 0, 0, 7])
  }

  @Test(arguments: ControlFrameKind.allCases, [0, 1, 4096, ControlProtocol.maximumPayloadSize])
  func headersRoundTrip(kind: ControlFrameKind, length: Int) throws {
    let header = ControlFrameHeader(kind: kind, payloadLength: length)
    #expect(try ControlFrameHeader(decoding: header.encoded) == header)
  }

  @Test func everyMalformedHeaderHasItsError() {
    let good = ControlFrameHeader(kind: .request, payloadLength: 10).encoded
    func damaged(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
      var bytes = good
      change(&bytes)
      return bytes
    }
    #expect(throws: ControlFrameError.truncatedHeader(received: 11)) {
      try ControlFrameHeader(decoding: good.prefix(11))
    }
    #expect(throws: ControlFrameError.truncatedHeader(received: 0)) { try ControlFrameHeader(decoding: []) }
    #expect(throws: ControlFrameError.badMagic(Array("GET ".utf8))) {
      try ControlFrameHeader(decoding: Array("GET / HTTP/1.1".utf8))
    }
    #expect(throws: ControlFrameError.versionMismatch(peerVersion: 2, payloadLength: 10)) {
      try ControlFrameHeader(decoding: damaged { $0[5] = 2 })
    }
    #expect(throws: ControlFrameError.versionMismatch(peerVersion: 0x101, payloadLength: 10)) {
      try ControlFrameHeader(decoding: damaged { $0[4] = 1 })
    }
    for kind: UInt8 in [0, 4, 0xff] {
      #expect(throws: ControlFrameError.unknownKind(kind)) {
        try ControlFrameHeader(decoding: damaged { $0[6] = kind })
      }
    }
    #expect(throws: ControlFrameError.reservedFlagsSet(0x80)) {
      try ControlFrameHeader(decoding: damaged { $0[7] = 0x80 })
    }
    #expect(throws: ControlFrameError.payloadTooLarge(length: 0xffff_ffff, limit: ControlProtocol.maximumPayloadSize)) {
      try ControlFrameHeader(decoding: damaged { $0.replaceSubrange(8..<12, with: [0xff, 0xff, 0xff, 0xff]) })
    }
    #expect(throws: ControlFrameError.payloadTooLarge(length: 11, limit: 10)) {
      try ControlFrameHeader(decoding: damaged { $0[11] = 11 }, maximumPayloadSize: 10)
    }
    #expect(throws: Never.self) { try ControlFrameHeader(decoding: good, maximumPayloadSize: 10) }
  }

  @Test func aVersionMismatchIsReportedBeforeAnythingAVersionMayChange() {
    // Another version may number kinds differently or allow longer payloads: the version decides first.
    let future = ControlProtocol.magic + [0x00, 0x07, 0x09, 0x01, 0xff, 0xff, 0xff, 0xff]
    #expect(throws: ControlFrameError.versionMismatch(peerVersion: 7, payloadLength: 0xffff_ffff)) {
      try ControlFrameHeader(decoding: future)
    }
  }

  @Test func requestsRoundTripThroughJSON() throws {
    let request = ControlRequest(
      .dumpCache, arguments: ["ünïcode", "quote\"d"], options: ["kind": "all", "format": "json"], descriptorCount: 1)
    let payload = try request.encodedPayload()
    #expect(
      String(decoding: payload, as: UTF8.self)
        == #"{"arguments":["ünïcode","quote\"d"],"command":"dump-cache","descriptors":1,"options":{"format":"json","kind":"all"}}"#
    )
    #expect(try ControlRequest(decodingPayload: payload) == request)
    // Absent arguments, options and count mean none; unknown keys (from a newer client) are ignored.
    #expect(
      try ControlRequest(decodingPayload: Array(#"{"command":"ping","future":[1,2]}"#.utf8)) == ControlRequest(.ping))
  }

  @Test func malformedRequestPayloadsAreNamed() {
    #expect(throws: ControlRequestError.unknownCommand("rm-rf")) {
      try ControlRequest(decodingPayload: Array(#"{"command":"rm-rf"}"#.utf8))
    }
    for payload in [
      "", "not json", "[]", #"{"arguments":[]}"#, #"{"command":5}"#, #"{"command":"ping","arguments":[1]}"#,
    ] {
      #expect(throws: ControlRequestError.self, "\(payload)") {
        try ControlRequest(decodingPayload: Array(payload.utf8))
      }
    }
    #expect(throws: ControlRequestError.malformed("'descriptors' must be a count of zero or more")) {
      try ControlRequest(decodingPayload: Array(#"{"command":"ping","descriptors":-1}"#.utf8))
    }
  }

  @Test func responsesAndProgressRoundTrip() throws {
    let response = ControlResponse.error(
      "disk full", fields: ["bytes": .count(4096), "ratio": 0.5, "errno-name": "ENOSPC", "big": .integer(.max)])
    #expect(try ControlResponse(decodingPayload: response.encodedPayload()) == response)
    let progress = ControlProgress(message: "writing", fields: ["records": 12])
    #expect(try ControlProgress(decodingPayload: progress.encodedPayload()) == progress)
    #expect(try ControlResponse(decodingPayload: Array(#"{"status":"ok"}"#.utf8)) == .ok())
    #expect(throws: ControlPayloadError.self) {
      try ControlResponse(decodingPayload: Array(#"{"status":"maybe"}"#.utf8))
    }
  }

  @Test func nonFiniteNumbersStillEncode() throws {
    let response = ControlResponse.ok(fields: ["a": .number(.nan), "b": .number(.infinity), "c": .number(-.infinity)])
    let decoded = try ControlResponse(decodingPayload: response.encodedPayload())
    #expect(decoded.fields == ["a": "nan", "b": "inf", "c": "-inf"])
    // ControlFrame.response never fails, whatever the response holds.
    #expect(ControlFrame.response(response).header.kind == .response)
  }

  @Test func framesCarryTheirPayloadLength() throws {
    let frame = try ControlFrame.request(ControlRequest(.ping))
    #expect(frame.bytes.count == ControlProtocol.headerSize + frame.payload.count)
    let header = try ControlFrameHeader(decoding: frame.bytes.prefix(ControlProtocol.headerSize))
    #expect(header.kind == .request && header.payloadLength == frame.payload.count)
  }
}
