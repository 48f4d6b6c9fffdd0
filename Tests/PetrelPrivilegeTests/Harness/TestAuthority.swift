import Glibc

/// A `petrel-test-authority` serving a forwarded test zone: the upstream a sandboxed daemon must still reach
/// over UDP and TCP.
struct TestAuthority {
  let process: DaemonProcess

  /// Serves `origin` (with `www` at `TestZones.forwardedAddress`) on `address`:`port`; with `truncateUDP`
  /// every UDP answer is truncated, so a resolver has to come back over TCP.
  static func start(
    _ origin: String, address: String, port: UInt16 = 53, truncateUDP: Bool, scratch: Scratch
  ) throws -> TestAuthority {
    let zone = try scratch.write("\(origin)zone", TestZones.forwardedZoneText)
    let process = try DaemonProcess(
      [Environment.testAuthority, "--listen", "\(address):\(port)", "--zone", "\(origin)=\(zone)"]
        + (truncateUDP ? ["--truncate-udp"] : []),
      outputPath: scratch.path("authority-\(address)-\(port).out"))
    let client = DNSQuery(address: address, port: port, timeoutMilliseconds: 200)
    for _ in 0..<50 {
      if process.exitedAlready() != nil { break }
      if (try? client.ask(origin, .soa, over: .tcp)) != nil { break }
      usleep(100_000)
    }
    return TestAuthority(process: process)
  }

  func stop() { process.stop() }
}
