import Foundation
import Testing

/// `trace` and `trace-queries` write the resolver's steps into the client's file.
@Suite("trace and trace-queries")
struct TraceTests {
  @Test func traceWritesEveryStepAndTheSummary() throws {
    let daemon = try DaemonProcess(label: "trace")
    // The lab root hint points at 127.53.9.1, where nothing answers: the steps are the queries sent there.
    let outcome = try daemon.petrelctl(["trace", "www.example.", "AAAA", "-"])
    #expect(outcome.status == 0, "\(outcome)")
    let lines = outcome.standardOutput.split(separator: "\n")
    #expect(lines.first == "; trace www.example. AAAA")
    #expect(lines.contains { $0.hasPrefix("query 127.53.9.1:53 udp ") }, "\(outcome)")
    #expect(lines.last == "finished SERVFAIL")
    #expect(outcome.standardError.hasPrefix("www.example. AAAA: SERVFAIL"))
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func traceQueriesFollowsMatchingClientQueriesUntilStopped() throws {
    let daemon = try DaemonProcess(label: "tracequeries")
    let path = daemon.directory + "/queries.trace"
    let started = try daemon.petrelctl(["trace-queries", #"\.traced\.example\.$"#, path])
    #expect(started.status == 0, "\(started)")
    let again = try daemon.petrelctl(["trace-queries", "x", daemon.directory + "/second.trace"])
    #expect(again.status == 1 && again.standardError.contains("already running"), "\(again)")

    _ = try? daemon.dns.query("www.traced.example.")
    _ = try? daemon.dns.query("www.other.example.")
    #expect(eventually { readFile(path).contains("finished SERVFAIL") }, "\(readFile(path))")
    let status = try daemon.petrelctl(["status"])
    #expect(status.standardOutput.contains(#"trace-queries: '\.traced\.example\.$'"#))

    let stopped = try daemon.petrelctl(["trace-queries", "--stop"])
    #expect(stopped.status == 0, "\(stopped)")
    let trace = readFile(path)
    #expect(trace.contains("q1 www.traced.example. A client query\n"), "\(trace)")
    #expect(trace.contains("q1 www.traced.example. A query 127.53.9.1:53 udp"))
    #expect(!trace.contains("other.example"))
    // Stopped: later queries add nothing.
    _ = try? daemon.dns.query("www2.traced.example.")
    #expect(!readFile(path).contains("www2"))
    let none = try daemon.petrelctl(["trace-queries", "--stop"])
    #expect(none.status == 1)
    #expect(daemon.dns.answersLocalZone())
  }

  @Test func aTraceToAPipeEndsWhenItsReaderGoes() throws {
    let daemon = try DaemonProcess(label: "tracepipe")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Products.petrelctl)
    process.arguments = ["trace-queries", "piped", "-", "--socket", daemon.socketPath]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    _ = try? daemon.dns.query("q1.piped.example.")
    let received = readWithin(pipe.fileHandleForReading.fileDescriptor, milliseconds: 20_000)
    #expect(received.hasPrefix("q1 q1.piped.example. A client query"), "\(received)")
    // Only the daemon's duplicate is left on the writing side; closing the reading side ends the trace.
    try pipe.fileHandleForReading.close()
    try pipe.fileHandleForWriting.close()
    #expect(eventually { (try? daemon.petrelctl(["status"]).standardOutput.contains("trace-queries: off")) == true })
    #expect(daemon.dns.answersLocalZone())
  }
}
