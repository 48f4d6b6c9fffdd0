import Testing

/// `load-cache` reads back what `dump-cache` wrote: dump, wipe, load, dump again gives the same entries.
@Suite("load-cache round trip")
struct LoadCacheTests {
  /// A dump's data lines without the TTL column (the time left moves on between two dumps), sorted.
  static func withoutTTLs(_ dump: String) -> [String] {
    dump.split(separator: "\n").filter { !$0.hasPrefix(";") }.map { line in
      var fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
      if fields.count == 3 { fields[1] = "TTL" }
      return fields.joined(separator: "\t")
    }.sorted()
  }

  @Test func dumpWipeLoadDumpGivesTheSameRecords() throws {
    let daemon = try DaemonProcess(label: "roundtrip")
    let seeded = try daemon.petrelctl(["load-cache", "-"], input: GeneratedDump.mixed + GeneratedDump.addresses(500))
    #expect(seeded.status == 0, "\(seeded)")
    let first = try daemon.petrelctl(["dump-cache", "-", "--kind", "records"])
    let firstNegative = try daemon.petrelctl(["dump-cache", "-", "--kind", "negative"])
    #expect(first.standardError.contains("records: 504\n"), "\(first)")
    #expect(firstNegative.standardError.contains("records: 2\n"), "\(firstNegative)")
    #expect(first.standardOutput.contains("\"a ; original-ttl=1 source=none credibility=hint\" ; original-ttl=3600"))

    let wiped = try daemon.petrelctl(["wipe-cache", "mixed.test$", "bulk.test$"])
    #expect(wiped.status == 0, "\(wiped)")
    #expect(wiped.standardOutput.contains("records: 504\n") && wiped.standardOutput.contains("negative: 2\n"))
    let empty = try daemon.petrelctl(["dump-cache", "-", "--kind", "records"])
    #expect(Self.withoutTTLs(empty.standardOutput).isEmpty)

    let reloaded = try daemon.petrelctl(
      ["load-cache", "-"], input: first.standardOutput + firstNegative.standardOutput)
    #expect(reloaded.status == 0, "\(reloaded)")
    #expect(reloaded.standardOutput.contains("loaded: 506\n"))
    let second = try daemon.petrelctl(["dump-cache", "-", "--kind", "records"])
    let secondNegative = try daemon.petrelctl(["dump-cache", "-", "--kind", "negative"])
    #expect(Self.withoutTTLs(second.standardOutput) == Self.withoutTTLs(first.standardOutput))
    #expect(Self.withoutTTLs(secondNegative.standardOutput) == Self.withoutTTLs(firstNegative.standardOutput))
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func badLinesAreReportedByNumberAndTheGoodOnesKept() throws {
    let daemon = try DaemonProcess(label: "badlines")
    let input = """
      good.test.\t600\tIN\tA\t192.0.2.1 ; original-ttl=600 source=192.0.2.53:53 credibility=authoritative-answer
      bad.test.\t600\tIN\tA\t192.0.2.300 ; original-ttl=600 source=192.0.2.53:53 credibility=authoritative-answer
      plain.test.\t600\tIN\tA\t192.0.2.2
      cred.test.\t600\tIN\tA\t192.0.2.3 ; original-ttl=600 source=192.0.2.53:53 credibility=gossip
      also-good.test.\t600\tIN\tA\t192.0.2.4 ; original-ttl=600 source=none credibility=additional

      """
    let outcome = try daemon.petrelctl(["load-cache", "-"], input: input)
    #expect(outcome.status == 1, "\(outcome)")
    #expect(outcome.standardError.contains("line 2: "), "\(outcome)")
    #expect(outcome.standardError.contains("line 3: no cache comment"))
    #expect(outcome.standardError.contains("line 4: the comment has no valid credibility"))
    let dump = try daemon.petrelctl(["dump-cache", "-", "--kind", "records"])
    #expect(dump.standardOutput.contains("good.test.\t"))
    #expect(dump.standardOutput.contains("also-good.test.\t"))
    #expect(dump.standardError.contains("records: 2\n"))
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func randomBytesAreBadLinesNotACrash() throws {
    let daemon = try DaemonProcess(label: "randomload")
    var generator = SystemRandomNumberGenerator()
    let noise = String(decoding: (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) }, as: UTF8.self)
    let outcome = try daemon.petrelctl(["load-cache", "-"], input: noise)
    #expect(outcome.status == 1, "\(outcome)")
    #expect(outcome.standardError.contains("lines could not be loaded"))
    #expect(daemon.dns.answersLocalZone())
  }
}
