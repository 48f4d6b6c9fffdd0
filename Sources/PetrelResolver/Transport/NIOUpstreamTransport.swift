public import NIOCore
import PetrelDNS

/// The resolver's way to the network: DNS over UDP and TCP on SwiftNIO event loops.
///
/// Exists so the iterator can send a query and await one trustworthy answer without knowing about sockets. Each
/// UDP query goes out from a fresh socket on a kernel-chosen random port (see `ExchangeLauncher`), connected to
/// the server; only a datagram from the server's address and port, with the query's ID, the QR bit set, and a
/// clean decode is accepted, and everything else is counted in `rejections` and ignored while the wait goes on.
/// Each TCP query gets its own connection. One deadline covers connect, send and wait; when it passes, or the
/// calling task is cancelled, the socket is closed.
///
/// Runs on a group it is given (the daemon's) and owns no thread: there is nothing to shut down; the group's
/// owner shuts the group down once no query is in flight.
///
/// `UpstreamReply.roundTrip` runs from handing the query to the socket to the arrival of the accepted response,
/// both on the event loop with `ContinuousClock`: neither connection set-up nor task scheduling inflates it.
///
/// Errors: a deadline that passes is `.timeout`, unless a response with the right ID and source arrived but
/// would not decode, which is reported as `.malformed` then. A cancelled task gets `.failed("cancelled")`.
public final class NIOUpstreamTransport: UpstreamTransport {
  private let group: any EventLoopGroup
  private let counters = TransportCounters()

  public init(group: any EventLoopGroup) {
    self.group = group
  }

  /// Responses thrown away so far, by reason (UDP datagrams and TCP messages alike).
  public var rejections: UpstreamRejections { counters.rejections }

  /// Responses thrown away so far: wrong source, wrong ID, not a response, or undecodable.
  public var rejectedDatagrams: Int { counters.rejections.total }

  /// Queries sent so far, and how they ended.
  public var outcomes: UpstreamOutcomes { counters.outcomes }

  /// Sockets this transport has open right now, one per query in flight.
  public var openSockets: Int { counters.openSockets }

  public func send(_ query: UpstreamQuery) async throws(UpstreamError) -> UpstreamReply {
    let deadline = NIODeadline.now() + TimeAmount(query.timeout)
    guard !Task.isCancelled else { throw .failed("cancelled") }
    let bytes: [UInt8]
    do throws(DNSWireError) {
      bytes = try query.message.encode()
    } catch {
      throw .failed("cannot encode the query: \(error)")
    }
    // The caller's own loop when it runs on one (a resolution on its query's loop): no thread hop either way.
    let loop = group.any()
    let transport = query.transport
    let server = query.server
    let receiveCapacity = ExchangeLauncher.receiveCapacity(advertised: query.message.edns?.udpPayloadSize)
    let onLoop = PendingExchangeOnLoop(
      exchange: PendingExchange(queryID: query.message.id, counters: counters, loop: loop))
    counters.sent(over: transport)
    do {
      let reply = try await withTaskCancellationHandler {
        try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<UpstreamReply, any Error>) in
          let start: @Sendable () -> Void = {
            let exchange = onLoop.exchange
            guard exchange.arm(deadline: deadline, continuation: continuation) else { return }
            switch transport {
            case .udp:
              ExchangeLauncher.launchUDP(exchange, query: bytes, server: server, receiveCapacity: receiveCapacity)
            case .tcp: ExchangeLauncher.launchTCP(exchange, query: bytes, server: server, deadline: deadline)
            }
          }
          if loop.inEventLoop { start() } else { loop.execute(start) }
        }
      } onCancel: {
        loop.execute { onLoop.exchange.finish(.failure(.failed("cancelled"))) }
      }
      counters.ended(nil)
      return reply
    } catch {
      let failure = UpstreamError(transportError: error)
      counters.ended(failure)
      throw failure
    }
  }
}
