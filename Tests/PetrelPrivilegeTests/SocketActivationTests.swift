import Glibc
import PetrelSystem
import Testing

/// petreld started the way `dist/systemd/petreld-socket.service` starts it: the sockets already bound and
/// passed at descriptors 3, 4, … with `LISTEN_FDS`, `LISTEN_PID` and `LISTEN_FDNAMES`, as an unprivileged user
/// with no capability at all — not even in the bounding set.
@Suite("petreld with socket activation")
struct SocketActivationTests {
  static let setprivWithNothing = [
    "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all",
  ]

  @Test(
    "serves the passed sockets as nobody with every capability set empty and no TCP bind allowed",
    .enabled(if: Environment.setprivUnavailability == nil, Comment(rawValue: Environment.setprivUnavailability ?? "")))
  func servesPassedSocketsWithNothingHeld() throws {
    let scratch = try Scratch("activation")
    defer { scratch.remove() }
    let address = "127.53.250.10"
    let udp = try PassedSockets.bind(address, tcp: false)
    let tcp = try PassedSockets.bind(address, tcp: true)
    defer {
      close(udp)
      close(tcp)
    }
    let configuration = try TestConfiguration.write(in: scratch, listen: address)
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration], launcher: [Environment.tool("setpriv")!] + Self.setprivWithNothing,
      environment: ["LISTEN_FDS": "2", "LISTEN_FDNAMES": "dns:dns"], passing: [udp, tcp], answeringOn: address,
      scratch: scratch)
    defer { daemon.stop() }
    try daemon.requireRunning()

    let client = DNSQuery(address: address)
    #expect(try client.addresses("www.\(TestZones.local)", over: .udp) == [TestZones.localAddress], "\(daemon.output)")
    #expect(try client.addresses("www.\(TestZones.local)", over: .tcp) == [TestZones.localAddress])
    let nobody = try Credentials.user(named: "nobody")
    let nogroup = try Credentials.group(named: "nogroup")
    let threads = try ThreadStatus.all(of: daemon.pid)
    let differences = droppedPrivilegeDifferences(threads, user: nobody.userID, group: nogroup.groupID)
    #expect(differences.isEmpty, "\(differences)\n\(daemon.output)")
    let output = daemon.output
    #expect(output.contains("listening sockets passed by the service manager descriptors=2 names=dns"), "\(output)")
    #expect(output.contains("bounding set emptied"))
    #expect(output.contains("tcp connect only to 53,853, bind only to none"), "\(output)")
    #expect(daemon.stop() == .exited(0), "\(daemon.output)")
  }

  @Test(
    "passed descriptors that do not fit the configuration are refused, naming the descriptor",
    .enabled(if: Environment.canRunDaemon, Comment(rawValue: Environment.daemonUnavailability ?? "")),
    arguments: [
      (
        "elsewhere",
        "descriptor 3 (dns) is udp 127.53.250.11:53, an address the configuration does not listen on (listen: 127.53.250.12:53)"
      ),
      ("no-tcp", "the configuration listens on 127.53.250.12:53, but the service manager passed no TCP socket for it"),
      ("unix", "descriptor 3 (dns): not an IPv4 or IPv6 socket: AF_UNIX SOCK_STREAM"),
    ])
  func mismatchedSocketsAreRefused(kind: String, message: String) throws {
    let scratch = try Scratch("activation-\(kind)")
    defer { scratch.remove() }
    let configured = "127.53.250.12"
    var descriptors: [CInt] = []
    defer { descriptors.forEach { close($0) } }
    switch kind {
    case "elsewhere": descriptors = [try PassedSockets.bind("127.53.250.11", tcp: false)]
    case "no-tcp": descriptors = [try PassedSockets.bind(configured, tcp: false)]
    default: descriptors = [try PassedSockets.unixSocket()]
    }
    let configuration = try TestConfiguration.write(in: scratch, listen: configured)
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration], environment: ["LISTEN_FDS": "1", "LISTEN_FDNAMES": "dns"], passing: descriptors,
      answeringOn: nil, scratch: scratch)
    let termination = daemon.waitForExit()
    let output = daemon.output
    #expect(termination == .exited(1), "\(output)")
    #expect(output.contains("critical: cannot listen reason=\"socket activation: \(message)"), "\(output)")
    #expect(!output.contains("privileges dropped"))
  }
}
