import PetrelDNS
import PetrelResolver

/// Queries and responses for the transport tests, built with the real codec.
enum DNSFixtures {
  static let realAddress = IPv4Address(192, 0, 2, 1)
  static let forgedAddress = IPv4Address(203, 0, 113, 66)

  static func query(id: UInt16, name: String = "www.example.test", edns: EDNS? = EDNS()) throws -> Message {
    Message.query(id: id, name: try DomainName(name), type: .a, recursionDesired: false, edns: edns)
  }

  /// A response to `query` with one A record; `id` and `flags` default to a proper authoritative answer.
  static func answer(
    to query: Message, address: IPv4Address = realAddress, id: UInt16? = nil, flags: MessageFlags = [.qr, .aa]
  ) throws -> [UInt8] {
    let name = query.question?.name ?? .root
    let response = Message(
      id: id ?? query.id, flags: flags, questions: query.questions,
      answers: [ResourceRecord(name: name, ttl: 300, rdata: .a(address))])
    return try response.encode()
  }

  /// A response to `query` with `count` A records, 10.0.x.y: large enough to need a large receive buffer.
  static func largeAnswer(to query: Message, count: Int) throws -> [UInt8] {
    let name = query.question?.name ?? .root
    let records = (0..<count).map { index in
      ResourceRecord(
        name: name, ttl: 300, rdata: .a(IPv4Address(10, 0, UInt8(index >> 8), UInt8(index & 0xFF))))
    }
    return try Message(id: query.id, flags: [.qr, .aa], questions: query.questions, answers: records).encode()
  }

  /// A truncated response as some servers send it: TC set, counts promising records, the bytes cut mid-record.
  static func truncatedMidRecord(to query: Message) throws -> [UInt8] {
    var bytes = try answer(to: query, flags: [.qr, .aa, .tc])
    bytes.removeLast(3)
    return bytes
  }

  /// The first A address in a reply's answer section.
  static func firstAddress(_ message: Message) -> IPv4Address? {
    for record in message.answers {
      if case .a(let address) = record.rdata { return address }
    }
    return nil
  }

  static func udp(_ message: Message, to server: UpstreamServer, timeout: Duration = .seconds(5)) -> UpstreamQuery {
    UpstreamQuery(message: message, server: server, transport: .udp, timeout: timeout)
  }

  static func tcp(_ message: Message, to server: UpstreamServer, timeout: Duration = .seconds(5)) -> UpstreamQuery {
    UpstreamQuery(message: message, server: server, transport: .tcp, timeout: timeout)
  }
}
