import NIOCore
import PetrelDNS
import PetrelResolver
import PetrelServer

/// A server on 127.0.0.1 and ::1, on ports the kernel chose, serving with a scripted resolver.
struct TestServer {
  let running: RunningServer
  let resolver: FakeResolver

  var statistics: ServerStatistics { running.statistics }
  /// The port bound on 127.0.0.1 (UDP and TCP).
  var portV4: UInt16 { running.sockets.addresses[0].port }
  /// The port bound on ::1.
  var portV6: UInt16 { running.sockets.addresses[1].port }

  static func start(
    resolver: FakeResolver = .fixed(), allowFrom: [IPNetwork] = IPNetwork.privateAndLoopback,
    clock: any ResolverClock = ManualClock(), packetCacheSize: Int = 1_000, maximumConcurrentResolutions: Int = 100,
    settings: ListenerSettings = ListenerSettings(), threads: Int = 1
  ) async throws -> TestServer {
    let sockets = try StartupSequence.bindSockets(
      listen: [ListenAddress(host: "127.0.0.1", port: 0), ListenAddress(host: "::1", port: 0)], threads: threads)
    let pipeline = QueryPipeline(
      resolver: resolver, allowFrom: allowFrom, maximumConcurrentResolutions: maximumConcurrentResolutions,
      packetCacheSize: packetCacheSize, clock: clock)
    let running = try await StartupSequence.serve(sockets, pipeline: pipeline, settings: settings).get()
    return TestServer(running: running, resolver: resolver)
  }

  func stop() async throws {
    try await running.shutdown()
  }
}

/// A standard query, encoded.
func query(
  _ name: String, _ type: RRType = .a, id: UInt16 = 0x1234, recursionDesired: Bool = true, edns: EDNS? = nil
) throws -> [UInt8] {
  try Message.query(id: id, name: DomainName(name), type: type, recursionDesired: recursionDesired, edns: edns)
    .encode()
}
