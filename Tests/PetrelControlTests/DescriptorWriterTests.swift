import Glibc
import PetrelControl
import PetrelSystem
import SystemPackage
import Testing

@Suite struct DescriptorWriterTests {
  @Test func recordsCountOnlyOnceTheirLastByteIsWritten() async throws {
    let pipe = try TestPipe()
    defer { closeAll(pipe) }
    var writer = try DescriptorWriter(pipe.writeEnd, bufferSize: 1 << 20)
    try writer.write(Array("abc".utf8))  // part of a record
    try writer.write(Array("def\n".utf8), records: 1)
    try writer.write(record: "ghi\n")
    #expect(writer.bytesWritten == 0 && writer.recordsWritten == 0)
    try writer.flush()
    #expect(writer.bytesWritten == 11 && writer.recordsWritten == 2)
    #expect(writer.progressFields == ["bytes": 11, "records": 2])
    #expect(readExactly(11, from: pipe.readEnd) == Array("abcdef\nghi\n".utf8))
  }

  @Test func aFailureSaysHowManyWholeRecordsMadeIt() async throws {
    // A one-page pipe takes 4096 bytes: 40 records of 100 bytes and part of the 41st. Then its reader
    // leaves without reading, and the writer, waiting for room, gets EPIPE.
    let pipe = try TestPipe()
    defer { try? pipe.writeEnd.close() }
    let setPipeSize: CInt = 1031  // F_SETPIPE_SZ
    #expect(fcntl(pipe.writeEnd.rawValue, setPipeSize, 4096) == 4096)
    var writer = try DescriptorWriter(pipe.writeEnd, bufferSize: 1 << 20)
    for index in 0..<100 { try writer.write(record: record(index, size: 100)) }
    async let flushed = onThread { [writer] in
      var writer = writer
      return Result { try writer.flush() }
    }
    #expect(
      await eventually {
        var entry = pollfd(fd: pipe.writeEnd.rawValue, events: Int16(POLLOUT), revents: 0)
        return poll(&entry, 1, 0) == 0  // full
      })
    try pipe.readEnd.close()
    let outcome = await flushed
    #expect(throws: DescriptorWriteError.failed(.brokenPipe, bytesWritten: 4096, recordsWritten: 40)) {
      try outcome.get()
    }
  }

  @Test func aClosedPipeIsEPIPEAndNotASignal() throws {
    let pipe = try TestPipe()
    try pipe.readEnd.close()
    defer { try? pipe.writeEnd.close() }
    var writer = try DescriptorWriter(pipe.writeEnd)
    try writer.write(record: "lost\n")
    #expect(throws: DescriptorWriteError.failed(.brokenPipe, bytesWritten: 0, recordsWritten: 0)) { try writer.flush() }
    // Still alive: SIGPIPE was held off and consumed, and this thread's mask is as it was.
    var mask = sigset_t()
    pthread_sigmask(SIG_SETMASK, nil, &mask)
    #expect(sigismember(&mask, SIGPIPE) == 0)
    var pending = sigset_t()
    sigpending(&pending)
    #expect(sigismember(&pending, SIGPIPE) == 0)
  }

  @Test func descriptorsThatCannotBeWrittenAreRefusedUpFront() throws {
    let pipe = try TestPipe()
    defer { closeAll(pipe) }
    #expect(throws: DescriptorWriteError.notWritable("the descriptor is read-only")) {
      try DescriptorWriter(pipe.readEnd)
    }
    #expect(throws: DescriptorReadError.notReadable("the descriptor is write-only")) {
      try DescriptorReader(pipe.writeEnd)
    }
    let pathOnly = FileDescriptor(rawValue: open("/tmp", 0o10_000_000 | O_CLOEXEC))  // O_PATH
    defer { try? pathOnly.close() }
    #expect(try DescriptorAccessMode(of: pathOnly) == .pathOnly)
    #expect(throws: DescriptorWriteError.notWritable("the descriptor is O_PATH")) { try DescriptorWriter(pathOnly) }
    #expect(throws: DescriptorWriteError.notWritable("the descriptor is not usable (\(Errno.badFileDescriptor))")) {
      try DescriptorWriter(FileDescriptor(rawValue: 9999))
    }
  }

  @Test func socketsAndFilesAreWrittenToo() throws {
    let (near, far) = try FileDescriptor.socketPair()
    defer { try? near.close(); try? far.close() }
    var toSocket = try DescriptorWriter(near)
    try toSocket.write(record: "over a socket\n")
    try toSocket.finish()
    #expect(readExactly(14, from: far) == Array("over a socket\n".utf8))

    let directory = try TemporaryDirectory()
    let file = try OutputTarget(directory.file("out")).open()
    defer { file.close() }
    var toFile = try DescriptorWriter(file.descriptor, bufferSize: 10)
    for index in 0..<50 { try toFile.write(record: record(index, size: 20)) }
    try toFile.finish()
    #expect(toFile.bytesWritten == 1000 && toFile.recordsWritten == 50)
    #expect(contents(of: directory.file("out")) == String(decoding: expectedDump(records: 50, size: 20), as: UTF8.self))
  }

  @Test func errorsBecomeResponsesWithTheirCounts() {
    let failure = DescriptorWriteError.failed(.ioError, bytesWritten: 4096, recordsWritten: 12)
    #expect(
      failure.controlResponse
        == .error(
          "writing failed after 4096 bytes (12 records): \(Errno.ioError)",
          fields: ["bytes": 4096, "records": 12, "errno": .count(EIO)]))
    #expect(DescriptorReadError.failed(.ioError, bytesRead: 7).controlResponse.fields == ["bytes": 7])
  }
}
