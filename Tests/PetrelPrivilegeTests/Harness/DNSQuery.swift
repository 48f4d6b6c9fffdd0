import PetrelDNS
import PetrelTestSupport

/// One DNS question to a sandboxed daemon on loopback, over UDP or TCP, with EDNS: enough to see that it still
/// answers. The shared `LoopbackDNSClient` with this suite's defaults (five seconds per attempt).
struct DNSQuery: Sendable {
  typealias Transport = LoopbackDNSClient.Transport

  let address: String
  var port: UInt16 = 53
  /// How long one UDP attempt or one TCP exchange waits.
  var timeoutMilliseconds: Int32 = 5000

  private var client: LoopbackDNSClient {
    LoopbackDNSClient(host: address, port: port, timeoutMilliseconds: timeoutMilliseconds, edns: EDNS())
  }

  /// Asks `name` `type` with RD set; UDP is tried three times.
  func ask(_ name: String, _ type: RRType, over transport: Transport) throws -> Message {
    try client.ask(name, type, over: transport)
  }

  /// The addresses of the A records in the answer to `name`.
  func addresses(_ name: String, over transport: Transport) throws -> [String] {
    try ask(name, .a, over: transport).answers.compactMap { record in
      if case .a(let address) = record.rdata { return "\(address)" }
      return nil
    }
  }
}

/// A socket set-up step of the harness failed (notification socket, passed sockets).
struct QueryError: Error, CustomStringConvertible {
  var description: String
}
