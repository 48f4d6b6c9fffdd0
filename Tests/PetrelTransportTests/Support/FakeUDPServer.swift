import NIOCore
import NIOPosix
import PetrelDNS
import PetrelResolver
import Synchronization

/// One step of the fake UDP server's reaction to a query; the steps run in order, each after the last finished.
enum UDPStep: Sendable {
  /// A datagram from the server's own address and port.
  case send([UInt8])
  /// A datagram from the same address but another port: an off-path forgery.
  case sendFromOtherPort([UInt8])
  /// A datagram from 127.0.0.2 with the server's port (IPv4 servers only): another forgery.
  case sendFromOtherAddress([UInt8])
  case pause(TimeAmount)
}

/// A scripted UDP DNS server on a loopback address and a random port, for the transport tests.
///
/// For every query that decodes it logs the source port and asks the script what to do. Two decoy sockets let
/// it send forged responses from another port and from another loopback address.
final class FakeUDPServer: Sendable {
  typealias Script = @Sendable (Message) throws -> [UDPStep]

  let server: UpstreamServer
  let log: QueryLog
  private let channels: [any Channel]

  private init(server: UpstreamServer, log: QueryLog, channels: [any Channel]) {
    self.server = server
    self.log = log
    self.channels = channels
  }

  /// Runs `body` with a server on `host`, and closes the server's sockets afterwards whatever happens.
  static func with(
    host: String = "127.0.0.1", script: @escaping Script, _ body: (FakeUDPServer) async throws -> Void
  ) async throws {
    let fake = try await start(host: host, script: script)
    do {
      try await body(fake)
      await fake.close()
    } catch {
      await fake.close()
      throw error
    }
  }

  static func start(host: String, script: @escaping Script) async throws -> FakeUDPServer {
    let group = MultiThreadedEventLoopGroup.singleton
    let log = QueryLog()
    let decoys = Decoys()
    let main = try await DatagramBootstrap(group: group)
      .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
      .channelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.addHandler(
            FakeUDPHandler(log: log, script: script, decoys: decoys))
        }
      }
      .bind(host: host, port: 0).get()
    let port = main.localAddress!.port!
    let otherPort = try await DatagramBootstrap(group: group).bind(host: host, port: 0).get()
    var channels = [main, otherPort]
    var otherAddress: (any Channel)?
    if !host.contains(":") {
      let channel = try await DatagramBootstrap(group: group).bind(host: "127.0.0.2", port: port).get()
      channels.append(channel)
      otherAddress = channel
    }
    decoys.set(otherPort: otherPort, otherAddress: otherAddress)
    let server = UpstreamServer(address: IPAddress(host)!, port: UInt16(port))
    return FakeUDPServer(server: server, log: log, channels: channels)
  }

  func close() async {
    for channel in channels { try? await channel.close().get() }
  }

  /// An address and port where nothing listens (a socket was bound there and closed again).
  static func closedPort(host: String = "127.0.0.1") async throws -> UpstreamServer {
    let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .bind(host: host, port: 0).get()
    let port = channel.localAddress!.port!
    try await channel.close().get()
    return UpstreamServer(address: IPAddress(host)!, port: UInt16(port))
  }
}

/// The forging sockets, filled in once bound (they need the main socket's port first).
final class Decoys: Sendable {
  private let channels = Mutex<(otherPort: (any Channel)?, otherAddress: (any Channel)?)>((nil, nil))

  func set(otherPort: any Channel, otherAddress: (any Channel)?) {
    channels.withLock { $0 = (otherPort, otherAddress) }
  }

  var otherPort: (any Channel)? { channels.withLock { $0.otherPort } }
  var otherAddress: (any Channel)? { channels.withLock { $0.otherAddress } }
}

/// Decodes each query, logs it and plays the script's steps back to the sender.
final class FakeUDPHandler: ChannelInboundHandler {
  typealias InboundIn = AddressedEnvelope<ByteBuffer>

  private let log: QueryLog
  private let script: FakeUDPServer.Script
  private let decoys: Decoys

  init(log: QueryLog, script: @escaping FakeUDPServer.Script, decoys: Decoys) {
    self.log = log
    self.script = script
    self.decoys = decoys
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    let envelope = unwrapInboundIn(data)
    let bytes = Array(envelope.data.readableBytesView)
    guard let query = try? Message(decoding: bytes), let steps = try? script(query) else { return }
    log.record(sourcePort: envelope.remoteAddress.port ?? 0, query: query)
    Self.play(steps[...], to: envelope.remoteAddress, from: context.channel, decoys: decoys)
  }

  private static func play(
    _ steps: ArraySlice<UDPStep>, to peer: SocketAddress, from channel: any Channel, decoys: Decoys
  ) {
    guard let step = steps.first else { return }
    let done: EventLoopFuture<Void>
    switch step {
    case .send(let bytes): done = write(bytes, to: peer, on: channel)
    case .sendFromOtherPort(let bytes): done = write(bytes, to: peer, on: decoys.otherPort ?? channel)
    case .sendFromOtherAddress(let bytes): done = write(bytes, to: peer, on: decoys.otherAddress ?? channel)
    case .pause(let time): done = channel.eventLoop.scheduleTask(in: time) {}.futureResult
    }
    let rest = steps.dropFirst()
    done.whenComplete { _ in play(rest, to: peer, from: channel, decoys: decoys) }
  }

  private static func write(
    _ bytes: [UInt8], to peer: SocketAddress, on channel: any Channel
  ) -> EventLoopFuture<Void> {
    channel.writeAndFlush(AddressedEnvelope(remoteAddress: peer, data: ByteBuffer(bytes: bytes)))
  }
}
