// Queries per second through NIOUpstreamTransport against an echo server on loopback.
//
//   swift run -c release PetrelTransportBenchmark [queries] [concurrency] [udp|tcp]
//
// The transport runs on one event loop, the server on another; the server flips the QR bit of each query and
// sends it back. Every reply is checked (ID, QR). Bounded: exactly `queries` queries, `concurrency` in flight.

import NIOCore
import NIOPosix
import PetrelDNS
import PetrelResolver

/// Sends each query straight back with the QR bit set: the cheapest valid DNS response.
final class EchoUDPResponder: ChannelInboundHandler {
  typealias InboundIn = AddressedEnvelope<ByteBuffer>
  typealias OutboundOut = AddressedEnvelope<ByteBuffer>

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var envelope = unwrapInboundIn(data)
    guard let flags = envelope.data.getInteger(at: envelope.data.readerIndex + 2, as: UInt8.self) else { return }
    envelope.data.setInteger(flags | 0x80, at: envelope.data.readerIndex + 2)
    context.writeAndFlush(
      wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: envelope.data)), promise: nil)
  }
}

/// The same over TCP: each length-prefixed query comes back as the response.
final class EchoTCPResponder: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer
  typealias OutboundOut = ByteBuffer
  private var received = ByteBuffer()

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var incoming = unwrapInboundIn(data)
    received.writeBuffer(&incoming)
    while var frame = received.readLengthPrefixedSlice(as: UInt16.self) {
      guard let flags = frame.getInteger(at: frame.readerIndex + 2, as: UInt8.self) else { continue }
      frame.setInteger(flags | 0x80, at: frame.readerIndex + 2)
      var out = context.channel.allocator.buffer(capacity: frame.readableBytes + 2)
      out.writeInteger(UInt16(frame.readableBytes))
      out.writeBuffer(&frame)
      context.writeAndFlush(wrapOutboundOut(out), promise: nil)
    }
    received.discardReadBytes()
  }
}

let arguments = CommandLine.arguments
let total = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 50_000) : 50_000
let concurrency = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 64) : 64
let kind: UpstreamQuery.Transport = arguments.count > 3 && arguments[3] == "tcp" ? .tcp : .udp

let serverGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let transportGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
let serverChannel: any Channel
switch kind {
case .udp:
  serverChannel = try await DatagramBootstrap(group: serverGroup)
    .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
    .channelInitializer { channel in
      channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(EchoUDPResponder()) }
    }
    .bind(host: "127.0.0.1", port: 0).get()
case .tcp:
  serverChannel = try await ServerBootstrap(group: serverGroup)
    .serverChannelOption(.backlog, value: 1024)
    .childChannelInitializer { channel in
      channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(EchoTCPResponder()) }
    }
    .bind(host: "127.0.0.1", port: 0).get()
}
let server = UpstreamServer(address: .v4(IPv4Address(127, 0, 0, 1)), port: UInt16(serverChannel.localAddress!.port!))
let transport = NIOUpstreamTransport(group: transportGroup)
let name = try DomainName("www.example.test")

/// Runs `count` queries with `width` in flight; returns the failures and the summed round trips.
func run(count: Int, width: Int) async -> (failures: Int, roundTrips: Duration) {
  await withTaskGroup(of: (Bool, Duration).self) { group in
    var started = 0
    var failures = 0
    var roundTrips = Duration.zero
    func startOne() {
      let id = UInt16(truncatingIfNeeded: started &* 40503)
      started += 1
      group.addTask {
        let query = Message.query(id: id, name: name, type: .a, recursionDesired: false, edns: EDNS())
        do {
          let reply = try await transport.send(
            UpstreamQuery(message: query, server: server, transport: kind, timeout: .seconds(5)))
          return (reply.message.id == id && reply.message.flags.contains(.qr), reply.roundTrip)
        } catch {
          return (false, .zero)
        }
      }
    }
    while started < min(width, count) { startOne() }
    while let (ok, roundTrip) = await group.next() {
      if !ok { failures += 1 }
      roundTrips += roundTrip
      if started < count { startOne() }
    }
    return (failures, roundTrips)
  }
}

_ = await run(count: min(2_000, total), width: concurrency)
let clock = ContinuousClock()
let start = clock.now
let (failures, roundTrips) = await run(count: total, width: concurrency)
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
let meanRoundTrip = roundTrips / total
// Sockets close on the event loop just after their reply is delivered; give the last ones a moment (bounded).
for _ in 0..<500 where transport.openSockets > 0 { try await Task.sleep(for: .milliseconds(10)) }
print(
  "\(kind.rawValue): \(total) queries, \(concurrency) in flight, \(failures) failed, "
    + "\(Int(Double(total) / seconds)) queries/s, mean round trip \(meanRoundTrip), "
    + "rejected \(transport.rejectedDatagrams), sockets left open \(transport.openSockets)")

try await serverChannel.close().get()
try await serverGroup.shutdownGracefully()
try await transportGroup.shutdownGracefully()
