public import PetrelDNS

/// An authoritative (or forwarding) server the resolver sends queries to.
public struct UpstreamServer: Sendable, Hashable, CustomStringConvertible {
  public var address: IPAddress
  public var port: UInt16

  public init(address: IPAddress, port: UInt16 = 53) {
    self.address = address
    self.port = port
  }

  public var description: String {
    address.isIPv6 ? "[\(address)]:\(port)" : "\(address):\(port)"
  }
}

/// One query for the transport to carry.
public struct UpstreamQuery: Sendable {
  public enum Transport: String, Sendable { case udp, tcp }

  /// The complete message; its ID was chosen at random by the resolver.
  public var message: Message
  public var server: UpstreamServer
  public var transport: Transport
  public var timeout: Duration

  public init(message: Message, server: UpstreamServer, transport: Transport, timeout: Duration) {
    self.message = message
    self.server = server
    self.transport = transport
    self.timeout = timeout
  }
}

/// A response the transport accepted: it came from the queried address and port, carried the query's ID, and
/// decoded.
public struct UpstreamReply: Sendable {
  public var message: Message
  public var roundTrip: Duration
  /// The size on the wire, for statistics and truncation decisions.
  public var size: Int

  public init(message: Message, roundTrip: Duration, size: Int) {
    self.message = message
    self.roundTrip = roundTrip
    self.size = size
  }
}

/// Why no acceptable response came back.
public enum UpstreamError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Nothing acceptable arrived in time (forged or mismatched datagrams do not count as answers).
  case timeout
  /// The server (or the network) refused: ICMP port unreachable, TCP reset.
  case refused
  /// The address cannot be reached from here (no route, family not configured).
  case unreachable
  /// A response arrived from the right place with the right ID but would not decode.
  case malformed(DNSWireError)
  /// The TCP connection closed before a whole response arrived.
  case connectionClosed
  /// Any other local failure, with the system's words.
  case failed(String)

  public var description: String {
    switch self {
    case .timeout: "timed out"
    case .refused: "connection refused"
    case .unreachable: "unreachable"
    case .malformed(let error): "malformed response: \(error)"
    case .connectionClosed: "connection closed early"
    case .failed(let reason): reason
    }
  }
}

/// How the resolver reaches the network.
///
/// The only door between resolution logic and sockets: the daemon plugs in the SwiftNIO implementation, tests
/// and scenario replays plug in a scripted network. Implementations send every UDP query from a fresh random
/// source port and discard (and count) datagrams that do not come from the server's address and port or that
/// carry another ID; the resolver checks the question itself.
public protocol UpstreamTransport: Sendable {
  func send(_ query: UpstreamQuery) async throws(UpstreamError) -> UpstreamReply
}
