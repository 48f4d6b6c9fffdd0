import Foundation
import Glibc
import PetrelControl
import PetrelTestSupport
import SystemPackage
import Testing

/// Whatever a client sends, the daemon answers the next one and keeps answering DNS.
@Suite("malformed control input")
struct MalformedInputTests {
  let daemon: DaemonProcess

  init() throws {
    daemon = try DaemonProcess(label: "malformed")
  }

  /// After each abuse: DNS is answered and a well-formed command still works.
  func expectHealthy(_ sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(daemon.dns.answersLocalZone(), sourceLocation: sourceLocation)
    let ping = try daemon.petrelctl(["ping"])
    #expect(ping.status == 0, "\(ping)", sourceLocation: sourceLocation)
  }

  @Test func randomBytes() throws {
    var generator = SystemRandomNumberGenerator()
    for size in [1, 11, 12, 100, 5_000] {
      let connection = try RawConnection(path: daemon.socketPath)
      connection.send((0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) })
      connection.finishSending()
      _ = connection.readToEnd()
      try expectHealthy()
    }
  }

  @Test func anAbsurdLengthIsRefusedWithoutReadingIt() throws {
    let connection = try RawConnection(path: daemon.socketPath)
    connection.send(Array("PTRL".utf8) + [0, 1, 1, 0, 0xFF, 0xFF, 0xFF, 0xF0])
    let response = try connection.readResponse()
    #expect(response.status == .refused)
    #expect(response.message.contains("exceeds"), "\(response)")
    try expectHealthy()
  }

  @Test func anotherProtocolVersionIsRefusedNamingBoth() throws {
    let connection = try RawConnection(path: daemon.socketPath)
    connection.send(requestFrame(#"{"command":"ping"}"#, version: 7))
    let response = try connection.readResponse()
    #expect(response.status == .refused)
    #expect(response.message.contains("version 7"), "\(response)")
    try expectHealthy()
  }

  @Test func descriptorsAttachedToPingAreRefusedAndClosed() throws {
    let (reader, writer) = try FileDescriptor.pipe()
    defer {
      try? reader.close()
      try? writer.close()
    }
    let connection = try RawConnection(path: daemon.socketPath)
    connection.send(requestFrame(#"{"command":"ping","descriptors":1}"#), descriptors: [writer])
    let response = try connection.readResponse()
    #expect(response.status == .refused, "\(response)")
    connection.close()
    var status = stat()
    fstat(writer.rawValue, &status)
    let target = "pipe:[\(status.st_ino)]"
    #expect(
      eventually { !daemon.descriptorTargets().contains { $0.hasSuffix(target) } }, "\(daemon.descriptorTargets())")
    try expectHealthy()
  }

  @Test func aClientKilledMidDumpIsForgotten() throws {
    _ = try daemon.petrelctl(["load-cache", "-"], input: GeneratedDump.addresses(20_000))
    let before = daemon.settledDescriptorCount()
    // petrelctl writes into a pipe nobody reads; once it is stuck, it is killed.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Products.petrelctl)
    process.arguments = ["dump-cache", "-", "--kind", "records", "--socket", daemon.socketPath]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    #expect(eventually { daemon.openDescriptors().count > before })
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    try pipe.fileHandleForReading.close()
    #expect(eventually { daemon.openDescriptors().count == before }, "\(daemon.openDescriptors().count) != \(before)")
    try expectHealthy()
  }
}
