import Foundation
import Glibc
import Testing

/// `dump-cache` against the real daemon holding 100,000 entries: into a file, through a pipe read slowly,
/// into `/dev/full`, and through a shell pipeline; the daemon answers DNS after each.
@Suite("dump-cache with 100,000 entries", .serialized)
final class DumpTests {
  static let entries = 100_000
  let daemon: DaemonProcess

  init() throws {
    daemon = try DaemonProcess(label: "dump")
    let loaded = try daemon.petrelctl(["load-cache", "-"], input: GeneratedDump.addresses(Self.entries))
    guard loaded.status == 0, loaded.standardOutput.contains("loaded: \(Self.entries)\n") else {
      throw HarnessError("load-cache failed: \(loaded)")
    }
  }

  @Test func intoAFileEveryEntryWithBytesAndRecordsReported() throws {
    let path = daemon.directory + "/dump.txt"
    let outcome = try daemon.petrelctl(["dump-cache", path, "--kind", "records"])
    #expect(outcome.status == 0, "\(outcome)")
    let text = readFile(path)
    let lines = text.split(separator: "\n")
    #expect(lines.count == Self.entries + 1)
    #expect(lines.first == "; records: \(Self.entries) RRsets")
    #expect(outcome.standardOutput.contains("records: \(Self.entries)\n"))
    #expect(outcome.standardOutput.contains("bytes: \(text.utf8.count)\n"))
    #expect(
      lines.dropFirst().allSatisfy {
        $0.contains(".bulk.test.\t")
          && $0.hasSuffix(" ; original-ttl=3600 source=192.0.2.53:53 credibility=authoritative-answer")
      })
    // Canonical order: h0, h1, h10, h100 …
    #expect(lines[1].hasPrefix("h0.bulk.test.\t") && lines[2].hasPrefix("h1.bulk.test.\t"))
    #expect(lines[3].hasPrefix("h10.bulk.test.\t"))
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func throughAPipeReadSlowly() throws {
    // `sleep` between small reads keeps the pipe full: the daemon must wait for the reader, not fail.
    let outcome = try daemon.shell(
      "petrelctl dump-cache - --kind records | (while IFS= read -r line; do n=$((n+1)); "
        + "if [ $((n % 20000)) = 0 ]; then sleep 1; fi; done; echo lines=$n)")
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.standardOutput == "lines=\(Self.entries + 1)\n")
    #expect(outcome.standardError.contains("records: \(Self.entries)\n"))
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func intoDevFullIsAnErrorSayingHowFarItGot() throws {
    let outcome = try daemon.petrelctl(["dump-cache", "/dev/full", "--force", "--kind", "records"])
    #expect(outcome.status == 1, "\(outcome)")
    #expect(outcome.standardError.contains("writing failed after 0 bytes (0 records): No space left on device"))
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func throughAShellPipelineIntoGrep() throws {
    let outcome = try daemon.shell("petrelctl dump-cache - | grep -c '^h4242[0-9]\\.bulk\\.test\\.'")
    #expect(outcome.status == 0, "\(outcome)")
    #expect(outcome.standardOutput == "10\n")
    let json = try daemon.shell("petrelctl dump-cache - --kind records --format json | grep '\"h4242.bulk.test.\"'")
    #expect(
      json.standardOutput.hasPrefix(
        "{\"kind\":\"record\",\"name\":\"h4242.bulk.test.\",\"type\":\"A\",\"class\":\"IN\",\"ttl\":"), "\(json)")
    #expect(json.standardOutput.hasSuffix("\"rdata\":[\"10.0.16.146\"]}\n"))
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func aClientThatDisconnectsMidDumpCostsNothing() throws {
    let before = daemon.settledDescriptorCount()
    // head closes the pipe after one line: the daemon's next write fails with EPIPE and the command ends.
    let outcome = try daemon.shell("petrelctl dump-cache - --kind records | head -n 1")
    #expect(outcome.standardOutput == "; records: \(Self.entries) RRsets\n")
    #expect(eventually { daemon.openDescriptors().count == before })
    #expect(daemon.dns.answersLocalZone())
    let status = try daemon.petrelctl(["status"])
    #expect(status.status == 0, "\(status)")
  }
}
