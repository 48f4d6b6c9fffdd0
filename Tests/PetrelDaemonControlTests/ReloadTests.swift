import Testing

/// `reload`: a bad file changes nothing; a good one applies the new access list and local zones.
@Suite("reload")
struct ReloadTests {
  @Test func aBadFileKeepsTheRunningConfiguration() throws {
    let daemon = try DaemonProcess(label: "reloadbad")
    try writeFile(daemon.configurationPath, "server:\n  allow-from: [not-a-network]\n")
    let outcome = try daemon.petrelctl(["reload"])
    #expect(outcome.status == 1, "\(outcome)")
    #expect(outcome.standardError.contains("the running one stays"), "\(outcome)")
    #expect(outcome.standardError.contains("not-a-network"))
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func aGoodFileAppliesTheNewAccessListAndZones() throws {
    let daemon = try DaemonProcess(label: "reloadgood")
    #expect(try daemon.dns.query("www.lab.test.").rcode == .noError)
    try writeFile(
      daemon.configurationPath,
      DaemonProcess.configuration(directory: daemon.directory, port: daemon.port, allowFrom: ["192.0.2.0/24"])
        .replacingOccurrences(of: "record-cache-size: 2_000_000", with: "record-cache-size: 1_000"))
    let outcome = try daemon.petrelctl(["reload"])
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.standardOutput.contains("applied allow-from"), "\(outcome)")
    #expect(outcome.standardOutput.contains("changed but not applied until a restart: record-cache-size"))
    #expect(try daemon.dns.query("www.lab.test.").rcode == .refused)

    // Back to loopback, with a zone file that changed: the new data is answered, not the cached old answer.
    try writeFile(
      daemon.directory + "/lab.test.zone", DaemonProcess.zone.replacingOccurrences(of: "192.0.2.80", with: "192.0.2.99")
    )
    try writeFile(
      daemon.configurationPath,
      DaemonProcess.configuration(directory: daemon.directory, port: daemon.port, allowFrom: ["127.0.0.0/8"]))
    let back = try daemon.petrelctl(["reload"])
    #expect(back.status == 0, "\(back)")
    #expect(back.standardOutput.contains("applied allow-from, local-zones"), "\(back)")
    let answer = try daemon.dns.query("www.lab.test.")
    #expect(answer.rcode == .noError)
    #expect(answer.answers.map(\.rdata.presentation) == ["192.0.2.99"])
  }
}
