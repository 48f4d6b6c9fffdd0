import NIOCore
import NIOPosix
import PetrelDNS
import PetrelResolver

/// One step of the fake TCP server's reaction to a query; the steps run in order, each after the last finished.
enum TCPStep: Sendable {
  /// A message with its two-octet length prefix, in one write.
  case send([UInt8])
  /// A message with its length prefix, one octet per write with a millisecond between, so it arrives in pieces.
  case sendOneOctetAtATime([UInt8])
  /// Octets exactly as given, no prefix added.
  case sendRaw([UInt8])
  case close
  case pause(TimeAmount)

  static func framed(_ message: [UInt8]) -> [UInt8] {
    [UInt8(message.count >> 8), UInt8(message.count & 0xFF)] + message
  }
}

/// A scripted DNS-over-TCP server on a loopback address and a random port, for the transport tests.
///
/// Reads one length-prefixed query per connection, logs it, and plays the script's steps back; after the last
/// step the connection stays open unless a step closed it.
final class FakeTCPServer: Sendable {
  typealias Script = @Sendable (Message) throws -> [TCPStep]

  let server: UpstreamServer
  let log: QueryLog
  private let channel: any Channel

  private init(server: UpstreamServer, log: QueryLog, channel: any Channel) {
    self.server = server
    self.log = log
    self.channel = channel
  }

  /// Runs `body` with a server on `host`, and closes the listening socket afterwards whatever happens.
  static func with(
    host: String = "127.0.0.1", script: @escaping Script, _ body: (FakeTCPServer) async throws -> Void
  ) async throws {
    let log = QueryLog()
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .childChannelInitializer { child in
        child.eventLoop.makeCompletedFuture {
          try child.pipeline.syncOperations.addHandler(FakeTCPHandler(log: log, script: script))
        }
      }
      .bind(host: host, port: 0).get()
    let server = UpstreamServer(address: IPAddress(host)!, port: UInt16(channel.localAddress!.port!))
    let fake = FakeTCPServer(server: server, log: log, channel: channel)
    do {
      try await body(fake)
      try? await channel.close().get()
    } catch {
      try? await channel.close().get()
      throw error
    }
  }

  /// An address and port where nothing listens (a listener was bound there and closed again).
  static func closedPort(host: String = "127.0.0.1") async throws -> UpstreamServer {
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .bind(host: host, port: 0).get()
    let port = channel.localAddress!.port!
    try await channel.close().get()
    return UpstreamServer(address: IPAddress(host)!, port: UInt16(port))
  }
}

/// Gathers one length-prefixed query, decodes and logs it, and plays the script's steps back.
final class FakeTCPHandler: ChannelInboundHandler {
  typealias InboundIn = ByteBuffer

  private let log: QueryLog
  private let script: FakeTCPServer.Script
  private var received = ByteBuffer()
  private var answered = false

  init(log: QueryLog, script: @escaping FakeTCPServer.Script) {
    self.log = log
    self.script = script
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    var incoming = unwrapInboundIn(data)
    received.writeBuffer(&incoming)
    guard !answered, let frame = received.readLengthPrefixedSlice(as: UInt16.self) else { return }
    answered = true
    guard let query = try? Message(decoding: Array(frame.readableBytesView)), let steps = try? script(query) else {
      context.close(promise: nil)
      return
    }
    log.record(sourcePort: context.channel.remoteAddress?.port ?? 0, query: query)
    Self.play(steps.flatMap(Self.expand)[...], on: context.channel)
  }

  private static func expand(_ step: TCPStep) -> [TCPStep] {
    guard case .sendOneOctetAtATime(let message) = step else { return [step] }
    return TCPStep.framed(message).flatMap { [TCPStep.sendRaw([$0]), .pause(.milliseconds(1))] }
  }

  private static func play(_ steps: ArraySlice<TCPStep>, on channel: any Channel) {
    guard let step = steps.first else { return }
    let done: EventLoopFuture<Void>
    switch step {
    case .send(let message): done = channel.writeAndFlush(ByteBuffer(bytes: TCPStep.framed(message)))
    case .sendOneOctetAtATime(let message): done = channel.writeAndFlush(ByteBuffer(bytes: TCPStep.framed(message)))
    case .sendRaw(let bytes): done = channel.writeAndFlush(ByteBuffer(bytes: bytes))
    case .close: done = channel.close()
    case .pause(let time): done = channel.eventLoop.scheduleTask(in: time) {}.futureResult
    }
    let rest = steps.dropFirst()
    done.whenComplete { _ in play(rest, on: channel) }
  }
}
