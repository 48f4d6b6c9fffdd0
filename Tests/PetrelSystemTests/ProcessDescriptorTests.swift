import Glibc
import PetrelSystem
import SystemPackage
import Testing

@Suite struct ProcessDescriptorTests {
  @Test func takesADescriptorFromThisProcess() throws {
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }
    let process = try ProcessDescriptor.open(pid: getpid())
    defer { try? process.close() }
    #expect(isCloseOnExec(process.descriptor))

    let copy = try process.getDescriptor(pipe.writeEnd.rawValue)
    defer { try? copy.close() }
    #expect(copy != pipe.writeEnd)
    #expect(isCloseOnExec(copy))
    _ = try copy.writeAll(Array("via pidfd_getfd".utf8))
    #expect(try readExactly(15, from: pipe.readEnd) == Array("via pidfd_getfd".utf8))
  }

  @Test func missingTargetDescriptorIsBadDescriptor() throws {
    let process = try ProcessDescriptor.open(pid: getpid())
    defer { try? process.close() }
    #expect(throws: ProcessDescriptorError.badDescriptor) { try process.getDescriptor(1_000_000) }
  }

  @Test func takesAChildsDescriptorSignalsItAndSeesItGo() throws {
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }
    let pid = try spawnSleep(standardInput: pipe.readEnd)
    var reaped = false
    defer { if !reaped { kill(pid, SIGKILL); _ = reap(pid) } }
    let process = try ProcessDescriptor.open(pid: pid)
    defer { try? process.close() }

    // The child's standard input is our pipe: reading from its copy gives what we write.
    let childStandardInput = try process.getDescriptor(0)
    defer { try? childStandardInput.close() }
    #expect(FileIdentity(of: childStandardInput) == FileIdentity(of: pipe.readEnd))
    _ = try pipe.writeEnd.writeAll(Array("to the child's stdin".utf8))
    #expect(try readExactly(20, from: childStandardInput) == Array("to the child's stdin".utf8))

    try process.sendSignal(.probe)
    #expect(try process.waitForExit(timeout: .milliseconds(50)) == false)
    try process.sendSignal(.terminate)
    #expect(try process.waitForExit(timeout: .seconds(10)))
    #expect(reap(pid) == SIGTERM)
    reaped = true

    #expect(throws: ProcessDescriptorError.processGone) { try process.sendSignal(.probe) }
    #expect(throws: ProcessDescriptorError.processGone) { try process.getDescriptor(0) }
    #expect(throws: ProcessDescriptorError.processGone) { try ProcessDescriptor.open(pid: pid) }
  }

  @Test func waitingWithoutLimitReturnsOnceTheChildIsKilled() throws {
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }
    let pid = try spawnSleep(standardInput: pipe.readEnd)
    let process = try ProcessDescriptor.open(pid: pid, options: .nonBlocking)
    defer { try? process.close() }
    try process.sendSignal(.kill)
    #expect(try process.waitForExit())
    #expect(reap(pid) == SIGKILL)
  }

  @Test func errorsAreClassifiedByErrno() {
    #expect(ProcessDescriptorError(.notPermitted) == .permissionDenied)
    #expect(ProcessDescriptorError(.noSuchProcess) == .processGone)
    #expect(ProcessDescriptorError(.badFileDescriptor) == .badDescriptor)
    #expect(ProcessDescriptorError(.noFunction) == .unsupportedKernel)
    #expect(ProcessDescriptorError(.invalidArgument) == .system(.invalidArgument))
    for error in [Errno.notPermitted, .noSuchProcess, .badFileDescriptor, .noFunction, .tooManyOpenFiles] {
      #expect(ProcessDescriptorError(error).errno == error)
    }
  }
}
