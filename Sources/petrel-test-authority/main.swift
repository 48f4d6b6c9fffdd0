import Glibc
import NIOCore
import NIOPosix

// petrel-test-authority: a small authoritative DNS server for integration tests; see AuthorityOptions.usage.

// SIGTERM is how every harness stops this server; exiting 0 tells a clean stop from a crash.
signal(SIGTERM) { _ in _exit(0) }

/// One line on standard error, written directly (the C `stderr` stream is shared mutable state to Swift 6).
func report(_ message: String) {
  let line = Array("petrel-test-authority: \(message)\n".utf8)
  _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

do {
  let options = try AuthorityOptions(arguments: Array(CommandLine.arguments.dropFirst()))
  let zones = try ZoneLoader.load(options.zoneFiles)
  let log = try options.logPath.map { path throws(AuthorityError) in try QueryLog(path: path) }
  let server = AuthorityServer(responder: Responder(zones: zones, misbehaviour: options.misbehaviour), log: log)
  let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
  let channels = try server.bind(options.listenAddresses, on: group)
  let origins = zones.zones.map { "\($0.origin)" }.joined(separator: " ")
  let addresses = options.listenAddresses.map(\.description).joined(separator: " ")
  report("serving \(origins) on \(addresses)")
  try channels[0].closeFuture.wait()
} catch let error as AuthorityError {
  report("\(error)")
  exit(64)
} catch {
  report("\(error)")
  exit(1)
}
