import Foundation
import Glibc
import PetrelControl
import PetrelSystem
import SystemPackage
import Testing

/// A handler that writes `count` numbered records of `size` bytes to the descriptor it is handed, the way
/// a dump does, and answers with how much it wrote.
func dumpHandler(records count: Int, size: Int = 64, bufferSize: Int = 64 << 10) -> ClosureHandler {
  ClosureHandler { request, descriptors, progress in
    guard request.command == .dumpCache else { return .ok("pong") }
    var writer = try DescriptorWriter(descriptors[0], progress: progress, bufferSize: bufferSize)
    for index in 0..<count { try writer.write(record: record(index, size: size)) }
    try writer.finish()
    return .ok("dumped", fields: writer.progressFields)
  }
}

/// Record `index` of a test dump: `size` bytes ending in a newline.
func record(_ index: Int, size: Int = 64) -> String {
  let prefix = "record \(index) "
  return prefix + String(repeating: "x", count: size - prefix.utf8.count - 1) + "\n"
}

func expectedDump(records count: Int, size: Int = 64) -> [UInt8] {
  Array((0..<count).map { record($0, size: size) }.joined().utf8)
}

@Suite struct DescriptorPassingTests {
  @Test func aDumpGoesIntoTheFileTheClientOpened() throws {
    let server = try TestServer(handler: dumpHandler(records: 1000))
    let path = server.directory.file("dump.txt")
    let output = try OutputTarget(path).open()
    defer { output.close() }
    let response = try server.client().send(ControlRequest(.dumpCache), descriptors: [output.descriptor])
    #expect(response == .ok("dumped", fields: ["bytes": 64_000, "records": 1000]))
    #expect(Array(contents(of: path)?.utf8 ?? "".utf8) == expectedDump(records: 1000))
  }

  @Test(arguments: [false, true])
  func aSlowReaderGetsEverything(nonBlocking: Bool) async throws {
    let count = 32_768  // 2 MiB: many times a pipe's capacity
    let server = try TestServer(
      limits: ControlServerLimits(progressInterval: .milliseconds(5)), handler: dumpHandler(records: count))
    let pipe = try TestPipe()
    if nonBlocking { #expect(fcntl(pipe.writeEnd.rawValue, F_SETFL, O_NONBLOCK) == 0) }
    let client = server.client()
    async let response = onThread {
      defer { try? pipe.writeEnd.close() }
      return Result { try client.send(ControlRequest(.dumpCache), descriptors: [pipe.writeEnd]) }
    }
    let received = await onThread { readAll(pipe.readEnd, chunk: 4096, pause: 50) }
    try pipe.readEnd.close()
    #expect(try await response.get() == .ok("dumped", fields: ["bytes": .count(count * 64), "records": .count(count)]))
    #expect(received == expectedDump(records: count))
  }

  @Test func aFullDiskIsAnErrorWithTheBytesWrittenSoFar() throws {
    let server = try TestServer(handler: dumpHandler(records: 100, bufferSize: 128))
    let full = try FileDescriptor.open("/dev/full", .writeOnly, options: [.closeOnExec])
    defer { try? full.close() }
    let response = try server.client().send(ControlRequest(.dumpCache), descriptors: [full])
    #expect(response.status == .error)
    #expect(response.fields == ["bytes": 0, "records": 0, "errno": .count(ENOSPC)])
    #expect(response.message == "writing failed after 0 bytes (0 records): \(Errno.noSpace)")
  }

  @Test func aReaderThatLeavesIsAnErrorWithTheBytesWrittenSoFar() async throws {
    let server = try TestServer(handler: dumpHandler(records: 100_000, size: 100))
    let pipe = try TestPipe()
    let client = server.client()
    async let response = onThread {
      defer { try? pipe.writeEnd.close() }
      return Result { try client.send(ControlRequest(.dumpCache), descriptors: [pipe.writeEnd]) }
    }
    let head = await onThread {
      defer { try? pipe.readEnd.close() }
      return readExactly(1000, from: pipe.readEnd)
    }
    let answer = try await response.get()
    #expect(answer.status == .error)
    #expect(answer.fields["errno"] == .count(EPIPE))
    let bytes = answer.fields["bytes"]?.integerValue ?? -1
    let records = answer.fields["records"]?.integerValue ?? -1
    #expect(bytes >= 1000 && records >= 10 && records * 100 <= bytes, "\(answer)")
    #expect(head == expectedDump(records: 10, size: 100))
  }

  @Test func loadCacheReadsWhatTheClientOpened() async throws {
    let server = try TestServer(
      handler: ClosureHandler { _, descriptors, progress in
        var reader = try DescriptorReader(descriptors[0], progress: progress)
        var bytes: [UInt8] = []
        while case let chunk = try reader.read(upTo: 7), !chunk.isEmpty { bytes += chunk }
        return .ok(String(decoding: bytes, as: UTF8.self), fields: ["bytes": .count(reader.bytesRead)])
      })
    let path = server.directory.file("cache.txt")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("example.com. 300 IN A 192.0.2.1\n".utf8)))
    let input = try InputSource(path).open()
    defer { input.close() }
    let fromFile = try server.client().send(ControlRequest(.loadCache), descriptors: [input.descriptor])
    #expect(fromFile == .ok("example.com. 300 IN A 192.0.2.1\n", fields: ["bytes": 32]))

    // From a pipe the client feeds slowly.
    let pipe = try TestPipe()
    let client = server.client()
    async let fromPipe = onThread {
      defer { try? pipe.readEnd.close() }
      return Result { try client.send(ControlRequest(.loadCache), descriptors: [pipe.readEnd]) }
    }
    for piece in ["one ", "two ", "three"] {
      _ = try pipe.writeEnd.writeAll(Array(piece.utf8))
      try await Task.sleep(for: .milliseconds(5))
    }
    try pipe.writeEnd.close()
    #expect(try await fromPipe.get() == .ok("one two three", fields: ["bytes": 13]))
  }

  @Test func aDescriptorOpenedTheWrongWayIsRefused() throws {
    let server = try TestServer(handler: dumpHandler(records: 1))
    let pipe = try TestPipe()
    defer { closeAll(pipe) }
    #expect(throws: ControlClientError.refused("dump-cache: the descriptor is read-only, not open for writing")) {
      try server.client().send(ControlRequest(.dumpCache), descriptors: [pipe.readEnd])
    }
    #expect(throws: ControlClientError.refused("load-cache: the descriptor is write-only, not open for reading")) {
      try server.client().send(ControlRequest(.loadCache), descriptors: [pipe.writeEnd])
    }
    #expect(server.handler.callCount == 0)
    #expect(controlDescriptors(socketPath: "-", identities: [pipe.identity]).count == 2)
  }
}

func closeAll(_ pipe: TestPipe) {
  try? pipe.readEnd.close()
  try? pipe.writeEnd.close()
}

/// Reads exactly `count` bytes (fewer only at end of file).
func readExactly(_ count: Int, from descriptor: FileDescriptor) -> [UInt8] {
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: count)
  while bytes.count < count {
    let got = buffer.withUnsafeMutableBytes { Glibc.read(descriptor.rawValue, $0.baseAddress, count - bytes.count) }
    if got > 0 {
      bytes += buffer.prefix(got)
    } else if got < 0 && errno == EINTR {
      continue
    } else {
      break
    }
  }
  return bytes
}
