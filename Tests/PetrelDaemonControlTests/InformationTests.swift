import Testing

/// `ping`, `version`, `status`, `stats`, `privileges`, `dump-throttled` as `petrelctl` prints them.
@Suite("information commands")
struct InformationTests {
  @Test func pingVersionStatusStatsPrivileges() throws {
    let daemon = try DaemonProcess(label: "info")
    _ = try daemon.dns.query("www.lab.test.")

    let ping = try daemon.petrelctl(["ping"])
    #expect(ping.status == 0 && ping.standardOutput == "pong\n", "\(ping)")

    let version = try daemon.petrelctl(["version"])
    #expect(version.standardOutput.hasPrefix("petreld 0.1.0 (control protocol 1)\n"), "\(version)")

    let status = try daemon.petrelctl(["status"])
    #expect(status.status == 0, "\(status)")
    #expect(status.standardOutput.contains("listening on 127.0.0.1:\(daemon.port): udp (2 sockets), tcp"))
    #expect(status.standardOutput.contains("caches: records 0, negative 0, nameservers 0, packet "))
    #expect(status.standardOutput.contains("control socket \(daemon.socketPath)"))
    #expect(status.standardOutput.contains("trace-queries: off"))

    let text = try daemon.petrelctl(["stats"])
    #expect(text.standardOutput.contains("queries-total-udp: "), "\(text)")
    #expect(text.standardOutput.contains("cache-entries-packet: "))
    #expect(text.standardOutput.contains("upstream-rejections-total-wrong-id: 0\n"))
    // www.lab.test. is a local zone: nothing went upstream.
    #expect(text.standardOutput.contains("upstream-queries-total-udp: 0\n"), "\(text)")
    #expect(text.standardOutput.contains("upstream-failures-total-timeout: 0\n"))
    let prometheus = try daemon.petrelctl(["stats", "--format", "prometheus"])
    #expect(prometheus.standardOutput.contains("# TYPE petrel_queries_total counter\n"), "\(prometheus)")
    #expect(prometheus.standardOutput.contains("petrel_cache_entries{cache=\"records\"} 0\n"))
    let json = try daemon.petrelctl(["stats", "--format", "json"])
    #expect(json.standardOutput.hasPrefix("{\"uptime-seconds\":"), "\(json)")
    #expect(json.standardOutput.contains("\"packet-cache-hits-total\":"))

    let privileges = try daemon.petrelctl(["privileges"])
    #expect(privileges.status == 0, "\(privileges)")
    #expect(privileges.standardOutput.contains("no_new_privs: "))
    // With the default privileges both sandbox layers are in force; started as root, the daemon is nobody and
    // holds nothing (an unprivileged start cannot empty the bounding set: docs/security.md).
    if runningAsRoot {
      #expect(privileges.standardOutput.contains("uid:          real=65534 effective=65534 saved=65534 fs=65534"))
      #expect(privileges.standardOutput.contains("bounding:     0000000000000000 (none)"))
    }
    #expect(privileges.standardOutput.contains("seccomp:      filter"))
    #expect(privileges.standardOutput.contains("landlock:     ABI "))

    let throttled = try daemon.petrelctl(["dump-throttled", "-"])
    #expect(throttled.status == 0, "\(throttled)")
    #expect(throttled.standardError.contains("records: 0\n"))
    #expect(daemon.dns.answersLocalZone())
  }

  /// petreld re-executed itself once, first thing, with glibc's per-thread cache enlarged (AllocatorTuning):
  /// same PID, same arguments, the tunable in its environment. Reading another user's environment needs root.
  @Test(.enabled(if: runningAsRoot, "reading the daemon's environment (it runs as nobody) needs root"))
  func theDaemonRunsWithItsAllocatorTuned() throws {
    let daemon = try DaemonProcess(label: "allocator")
    #expect(try daemon.dns.query("www.lab.test.").answers.count == 1)
    let environment = try String(contentsOfFile: "/proc/\(daemon.pid)/environ", encoding: .utf8)
      .split(separator: "\0")
    #expect(environment.contains("GLIBC_TUNABLES=glibc.malloc.tcache_count=1024"), "\(environment)")
  }

  /// Responses the packet cache holds are listed, as comment lines `load-cache` passes over.
  @Test func thePacketCacheDumpListsItsResponses() throws {
    let daemon = try DaemonProcess(label: "packet-dump")
    _ = try daemon.dns.query("www.lab.test.")
    let text = try daemon.petrelctl(["dump-cache", "-", "--kind", "packet"])
    #expect(text.status == 0, "\(text)")
    #expect(text.standardOutput.contains("; packet www.lab.test. A rcode=NOERROR expires-in="), "\(text)")
    #expect(text.standardOutput.contains(";   www.lab.test.\t3600\tIN\tA\t192.0.2.80"), "\(text)")
    let json = try daemon.petrelctl(["dump-cache", "-", "--kind", "packet", "--format", "json"])
    #expect(json.standardOutput.contains("\"question\":\"www.lab.test. A\""), "\(json)")
  }

  @Test func quitNicelyExitsZeroAfterAnswering() throws {
    let daemon = try DaemonProcess(label: "quitnicely")
    let outcome = try daemon.petrelctl(["quit-nicely"])
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.standardOutput.hasPrefix("stopping"))
    var status: Int32? = nil
    #expect(
      eventually {
        status = daemon.exitStatus(); return status != nil
      })
    #expect(status == 0)
    #expect(readFile(daemon.logPath).contains("graceful=true"))
  }

  @Test func quitExitsAtOnce() throws {
    let daemon = try DaemonProcess(label: "quit")
    let outcome = try daemon.petrelctl(["quit"])
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.standardOutput == "stopping now\n")
    var status: Int32? = nil
    #expect(
      eventually {
        status = daemon.exitStatus(); return status != nil
      })
    #expect(status == 0)
    #expect(readFile(daemon.logPath).contains("graceful=false"))
  }
}
