import PetrelDNS
public import PetrelResolver
import Synchronization

/// An `UpstreamTransport` made of servers declared in Swift, for tests and scenario replay.
///
/// ```swift
/// let network = ScriptedNetwork()
/// network.server("198.41.0.4") {
///   ScriptedZone(".", "…root zone text…")
///   Respond(to: "example.com.", type: .a, .timeout)
/// }
/// ```
///
/// Every query is logged (server, ID, question, transport, EDNS, RD) before the server sees it; a query to an
/// address no server was declared at times out. Nothing waits: a timeout is reported at once, so tests run
/// fast and never depend on timing.
public final class ScriptedNetwork: UpstreamTransport {
  private struct State {
    var servers: [UpstreamServer: ScriptedServer] = [:]
    var log: [SentQuery] = []
    var received: [UpstreamServer: Int] = [:]
  }

  private let state = Mutex(State())

  public init() {}

  /// Declares (or replaces) the server at `address` and `port`.
  public func server(
    _ address: String, port: UInt16 = 53, @ScriptedServerBuilder _ parts: () -> [any ScriptedServerPart]
  ) {
    var server = ScriptedServer()
    for part in parts() { part.apply(to: &server) }
    add(server, at: UpstreamServer(address: IPAddress(address)!, port: port))
  }

  /// Declares (or replaces) a server built elsewhere, as a scenario replay does from its own description.
  public func add(_ server: ScriptedServer, at address: UpstreamServer) {
    state.withLock { $0.servers[address] = server }
  }

  /// Every query sent so far, oldest first.
  public var log: [SentQuery] { state.withLock { $0.log } }

  /// The log as one line per query (see `SentQuery.description`).
  public var lines: [String] { log.map(\.description) }

  /// Forgets the log (the servers stay).
  public func clearLog() { state.withLock { $0.log.removeAll() } }

  public func send(_ query: UpstreamQuery) async throws(UpstreamError) -> UpstreamReply {
    let message = query.message
    let (server, sequence): (ScriptedServer?, Int) = state.withLock { state in
      if let question = message.question {
        state.log.append(
          SentQuery(
            server: query.server, id: message.id, question: question, transport: query.transport, edns: message.edns,
            recursionDesired: message.flags.contains(.rd)))
      }
      let sequence = state.received[query.server, default: 0]
      state.received[query.server] = sequence + 1
      return (state.servers[query.server], sequence)
    }
    guard let server else { throw .timeout }
    let request = ScriptedRequest(
      server: query.server, message: message, transport: query.transport, sequence: sequence)
    let response: Message
    switch server.respond(to: request) {
    case .answer:
      response = server.zoneAnswer(to: message)
    case .timeout:
      throw .timeout
    case .transportError(let error):
      throw error
    case .rcode(let rcode):
      response = ScriptedServer.reply(to: message, rcode: rcode, recursive: server.recursive)
    case .formErrWithoutEDNS:
      var reply = ScriptedServer.reply(to: message, rcode: .formErr)
      reply.edns = nil
      response = reply
    case .truncated:
      var reply = ScriptedServer.reply(to: message, rcode: .noError, recursive: server.recursive)
      reply.flags.insert(.tc)
      response = reply
    case .lame:
      response = ScriptedServer.reply(to: message, rcode: .noError)
    case .modify(let change):
      var reply = server.zoneAnswer(to: message)
      change(&reply)
      response = reply
    case .message(let exact):
      response = exact
    }
    // A round trip through the real codec, so that only what survives the wire reaches the resolver.
    do {
      let wire = try response.encode(maxSize: 65_535)
      return UpstreamReply(message: try Message(decoding: wire), roundTrip: .milliseconds(10), size: wire.count)
    } catch {
      throw .malformed(error)
    }
  }
}
