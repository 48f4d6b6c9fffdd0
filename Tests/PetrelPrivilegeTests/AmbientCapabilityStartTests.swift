import PetrelSystem
import Testing

/// petreld started the way `dist/systemd/petreld.service` starts it: as an unprivileged user holding only the
/// ambient CAP_NET_BIND_SERVICE. It binds port 53 with it and then holds nothing — except the bounding set,
/// which only CAP_SETPCAP could shrink and which it therefore keeps exactly as it was started with.
@Suite("petreld started as nobody with ambient CAP_NET_BIND_SERVICE")
struct AmbientCapabilityStartTests {
  static let setprivAsNobody = [
    "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--inh-caps=-all,+net_bind_service",
    "--ambient-caps=+net_bind_service",
  ]

  @Test(
    "binds port 53, then every set is empty but the bounding set it inherited",
    .enabled(if: Environment.setprivUnavailability == nil, Comment(rawValue: Environment.setprivUnavailability ?? "")))
  func keepsOnlyTheInheritedBoundingSet() throws {
    let inherited = try ThreadStatus.ownBoundingSet()
    try #require(!inherited.isEmpty, "the test runner's own bounding set is empty: nothing to observe")
    try runAsNobody(address: "127.53.250.5", boundingOption: [], expectedBounding: inherited)
  }

  @Test(
    "with the unit's CapabilityBoundingSet=CAP_NET_BIND_SERVICE the bounding set ends as exactly that one bit",
    .enabled(if: Environment.setprivUnavailability == nil, Comment(rawValue: Environment.setprivUnavailability ?? "")))
  func unitBoundingSetEndsAsTheOneCapability() throws {
    try runAsNobody(
      address: "127.53.250.6", boundingOption: ["--bounding-set=-all,+net_bind_service"],
      expectedBounding: CapabilitySet([Capability.netBindService]))
  }

  private func runAsNobody(address: String, boundingOption: [String], expectedBounding: CapabilitySet) throws {
    let scratch = try Scratch("ambient")
    defer { scratch.remove() }
    let configuration = try TestConfiguration.write(in: scratch, listen: address)
    let launcher = [Environment.tool("setpriv")!] + Self.setprivAsNobody + boundingOption
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration], launcher: launcher, answeringOn: address, scratch: scratch)
    defer { daemon.stop() }
    try daemon.requireRunning()

    let client = DNSQuery(address: address)
    #expect(try client.addresses("www.\(TestZones.local)", over: .udp) == [TestZones.localAddress], "\(daemon.output)")
    #expect(try client.addresses("www.\(TestZones.local)", over: .tcp) == [TestZones.localAddress])
    let nobody = try Credentials.user(named: "nobody")
    let nogroup = try Credentials.group(named: "nogroup")
    let threads = try ThreadStatus.all(of: daemon.pid)
    let differences = droppedPrivilegeDifferences(
      threads, user: nobody.userID, group: nogroup.groupID, bounding: expectedBounding)
    #expect(differences.isEmpty, "\(differences)\n\(daemon.output)")
    // It never held CAP_SETPCAP (only CAP_NET_BIND_SERVICE was permitted), so the bounding set stays as it was.
    #expect(daemon.output.contains("bounding set kept (\(expectedBounding.hexMask)): dropping needs cap_setpcap"))
    // Not root: no account switch, so no word about a default account.
    #expect(!daemon.output.contains("no user configured"))
    #expect(daemon.stop() == .exited(0), "\(daemon.output)")
  }
}
