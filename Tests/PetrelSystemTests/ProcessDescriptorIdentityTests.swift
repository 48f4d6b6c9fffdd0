import Glibc
import PetrelSystem
import SystemPackage
import Testing

@Suite struct ProcessDescriptorIdentityTests {
  @Test func aPidfdOnThisProcessNamesThisProcess() throws {
    let current = try ProcessDescriptor.current()
    defer { try? current.close() }
    #expect(try current.processID() == getpid())
  }

  @Test func aChildsPidfdNamesItUntilItHasExited() throws {
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }
    let pid = try spawnSleep(standardInput: pipe.readEnd)
    let process = try ProcessDescriptor.open(pid: pid)
    defer { try? process.close() }
    #expect(try process.processID() == pid)
    try process.sendSignal(.kill)
    #expect(try process.waitForExit(timeout: .seconds(10)))
    #expect(reap(pid) == SIGKILL)
    #expect(try process.processID() == nil)
  }

  @Test func aDescriptorThatIsNoPidfdHasNoProcessID() throws {
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }
    #expect(throws: Errno.invalidArgument) { try ProcessDescriptor(descriptor: pipe.readEnd).processID() }
  }
}
