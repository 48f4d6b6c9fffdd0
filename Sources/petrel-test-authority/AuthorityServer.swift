import NIOCore
import NIOPosix

/// Binds the UDP and TCP listeners of every `--listen` address to one responder.
///
/// UDP is bound before TCP on each address, so once a TCP connection succeeds the whole server is ready:
/// test harnesses wait for exactly that, which works for a `--drop` server too.
struct AuthorityServer {
  let responder: Responder
  let log: QueryLog?

  /// Binds everything and returns the channels; throws on the first address that cannot be bound.
  func bind(_ addresses: [ListenAddress], on group: any EventLoopGroup) throws -> [any Channel] {
    var channels: [any Channel] = []
    let responder = responder
    let log = log
    for address in addresses {
      let udp = try DatagramBootstrap(group: group)
        .channelOption(.socketOption(.so_reuseaddr), value: 1)
        .channelInitializer { channel in
          channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(UDPQueryHandler(responder: responder, log: log))
          }
        }
        .bind(host: address.host, port: address.port).wait()
      channels.append(udp)
      let tcp = try ServerBootstrap(group: group)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelInitializer { channel in
          channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(TCPFrameDecoder()))
            try channel.pipeline.syncOperations.addHandler(TCPQueryHandler(responder: responder, log: log))
          }
        }
        .bind(host: address.host, port: address.port).wait()
      channels.append(tcp)
    }
    return channels
  }
}
