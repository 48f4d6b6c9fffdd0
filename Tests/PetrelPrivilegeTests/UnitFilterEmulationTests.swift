import Glibc
import Testing

/// petreld started as each unit starts it, with the calls that unit's `SystemCallFilter=` takes away answered
/// `EPERM` (its `SystemCallErrorNumber=`), forged by strace since these tests run without systemd: the daemon
/// must still drop everything and serve, so it must never need one of them.
@Suite("petreld under the units' system call filters")
struct UnitFilterEmulationTests {
  /// `~@privileged` and `~@resources` calls a C library or runtime might plausibly make: none may be needed.
  static let takenAway = ["setuid", "setgid", "setgroups", "setresuid", "chroot", "setpriority", "setrlimit"]

  static var unavailability: String? { Environment.straceUnavailability ?? Environment.setprivUnavailability }

  @Test(
    "as petreld.service (ambient CAP_NET_BIND_SERVICE) and petreld-socket.service (no capability, sockets passed)",
    .enabled(if: unavailability == nil, Comment(rawValue: unavailability ?? "")),
    arguments: ["petreld.service", "petreld-socket.service"])
  func servesUnderTheUnitFilter(unit: String) throws {
    let scratch = try Scratch("filter")
    defer { scratch.remove() }
    let socketUnit = unit == "petreld-socket.service"
    let address = socketUnit ? "127.53.250.16" : "127.53.250.17"
    // The socket unit also takes capset away: a daemon that starts with nothing has nothing to clear.
    let denied = Self.takenAway + (socketUnit ? ["capset"] : [])
    // strace runs after setpriv (whose own calls must not be refused) and with -D, so that the daemon keeps
    // the process ID that LISTEN_PID names while the tracer runs as its grandchild.
    let strace = [
      Environment.tool("strace")!, "-D", "-f", "-qq", "-o", "/dev/null", "-e",
      "trace=\(denied.joined(separator: ","))", "-e", "inject=\(denied.joined(separator: ",")):error=EPERM",
    ]
    let setpriv =
      [Environment.tool("setpriv")!, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
      + (socketUnit
        ? ["--inh-caps=-all", "--bounding-set=-all"]
        : [
          "--inh-caps=-all,+net_bind_service", "--ambient-caps=+net_bind_service",
          "--bounding-set=-all,+net_bind_service",
        ])
    var passed: [CInt] = []
    if socketUnit {
      passed = [try PassedSockets.bind(address, tcp: false), try PassedSockets.bind(address, tcp: true)]
    }
    defer { passed.forEach { _ = close($0) } }
    let configuration = try TestConfiguration.write(in: scratch, listen: address)
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration], launcher: setpriv + strace,
      environment: socketUnit ? ["LISTEN_FDS": "2", "LISTEN_FDNAMES": "dns:dns"] : [:], passing: passed,
      answeringOn: address, scratch: scratch)
    defer { daemon.stop() }
    try daemon.requireRunning()

    #expect(
      try DNSQuery(address: address).addresses("www.\(TestZones.local)", over: .tcp) == [TestZones.localAddress],
      "\(daemon.output)")
    #expect(daemon.output.contains("notice: privileges dropped: "), "\(daemon.output)")
    #expect(daemon.stop() == .exited(0), "\(daemon.output)")
  }
}
