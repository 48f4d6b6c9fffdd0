import PetrelDNS
import PetrelServer
import PetrelTestSupport
import Testing

@Suite("Robustness")
struct RobustnessTests {
  @Test("200 random and mutated datagrams do not bring the server down; it answers afterwards")
  func randomDatagrams() async throws {
    let server = try await TestServer.start()
    let client = try LoopbackClient.udp()
    var random = SplitMix64(seed: 0x5EED_0F_2026)
    let valid = try query("www.example.com", edns: EDNS(udpPayloadSize: 1232, dnssecOK: true))
    for round in 0..<200 {
      var datagram: [UInt8]
      if round % 2 == 0 {
        datagram = random.bytes(Int.random(in: 0...600, using: &random))
      } else {
        datagram = valid
        for _ in 0..<Int.random(in: 1...6, using: &random) {
          datagram[Int.random(in: 0..<datagram.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        }
        if Bool.random(using: &random) {
          datagram = Array(datagram.prefix(Int.random(in: 0...datagram.count, using: &random)))
        }
      }
      try client.send(datagram, port: server.portV4)
    }
    try client.send(query("after.example", id: 0xF00D), port: server.portV4)
    var answered = false
    for _ in 0..<300 where !answered {
      let bytes = try await client.receive()
      if bytes.count >= 2 && bytes[0] == 0xF0 && bytes[1] == 0x0D {
        #expect(try Message(decoding: bytes).rcode == .noError)
        answered = true
      }
    }
    #expect(answered)
    #expect(server.statistics.snapshot().queriesUDP == 201)
    try await server.stop()
  }
}
