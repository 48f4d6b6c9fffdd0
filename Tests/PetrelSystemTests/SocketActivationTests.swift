import Glibc
import PetrelSystem
import Synchronization
import SystemPackage
import Testing

/// Blocks of 8 descriptor numbers handed out to tests running in parallel, so no two share one.
private let nextDescriptorBlock = Atomic<CInt>(0)

/// Places descriptors at consecutive free numbers, as systemd places them from 3: tests cannot use 3
/// itself, which belongs to the test runner.
private func consecutiveCopies(of descriptors: [FileDescriptor]) throws -> CInt {
  precondition(descriptors.count < 8)
  while true {
    let start = 600 + nextDescriptorBlock.add(1, ordering: .relaxed).newValue * 8
    let numbers = (0..<CInt(descriptors.count)).map { start + $0 }
    if numbers.allSatisfy({ fcntl($0, F_GETFD) < 0 }) {
      for (descriptor, number) in zip(descriptors, numbers) {
        guard dup2(descriptor.rawValue, number) == number else { throw Errno(rawValue: errno) }
      }
      return start
    }
  }
}

@Suite struct SocketActivationTests {
  @Test func adoptsNamedDescriptorsAndInspectsThem() throws {
    let udp = try boundInternetSocket(ipv6: false, type: CInt(SOCK_DGRAM.rawValue), listen: false)
    let tcp = try boundInternetSocket(ipv6: true, type: CInt(SOCK_STREAM.rawValue), listen: true)
    let pipe = try FileDescriptor.pipe()
    let originals = [udp, tcp, pipe.readEnd]
    defer { closeAll(originals + [pipe.writeEnd]) }
    let first = try consecutiveCopies(of: originals)
    let copies = (0..<CInt(3)).map { FileDescriptor(rawValue: first + $0) }
    defer { closeAll(copies) }
    #expect(copies.allSatisfy { !isCloseOnExec($0) })

    let environment = ["LISTEN_PID": "\(getpid())", "LISTEN_FDS": "3", "LISTEN_FDNAMES": "dns-udp:dns-tcp:stored"]
    let adopted = try SocketActivation.descriptors(
      environment: environment, processID: getpid(), firstDescriptor: first)

    #expect(adopted.map(\.descriptor) == copies)
    #expect(adopted.map(\.name) == ["dns-udp", "dns-tcp", "stored"])
    #expect(adopted[0].socket == (try udp.socketInfo()))
    #expect(adopted[1].socket?.isListening == true)
    #expect(adopted[1].socket?.domain == .ipv6)
    #expect(adopted[2].socket == nil)
    #expect(copies.allSatisfy(isCloseOnExec))
  }

  @Test func namesDefaultToUnknown() throws {
    let (one, other) = try FileDescriptor.socketPair()
    defer { closeAll([one, other]) }
    let first = try consecutiveCopies(of: [one])
    defer { _ = close(first) }
    let adopted = try SocketActivation.descriptors(
      environment: ["LISTEN_PID": "\(getpid())", "LISTEN_FDS": "1"], processID: getpid(), firstDescriptor: first)
    #expect(adopted.map(\.name) == ["unknown"])
    #expect(adopted.first?.socket?.address == .unixUnnamed)
  }

  @Test func ignoresVariablesMeantForAnotherProcess() throws {
    #expect(try SocketActivation.descriptors(environment: [:], processID: getpid()).isEmpty)
    #expect(try SocketActivation.descriptors(environment: ["LISTEN_FDS": "2"], processID: getpid()).isEmpty)
    let inherited = ["LISTEN_PID": "\(getpid() + 1)", "LISTEN_FDS": "2"]
    #expect(try SocketActivation.descriptors(environment: inherited, processID: getpid()).isEmpty)
    let none = ["LISTEN_PID": "\(getpid())", "LISTEN_FDS": "0", "LISTEN_FDNAMES": ""]
    #expect(try SocketActivation.descriptors(environment: none, processID: getpid()).isEmpty)
  }

  @Test func refusesMalformedVariables() throws {
    let pid = getpid()
    #expect(throws: SocketActivation.Failure.malformedProcessID("self")) {
      try SocketActivation.descriptors(environment: ["LISTEN_PID": "self", "LISTEN_FDS": "1"], processID: pid)
    }
    #expect(throws: SocketActivation.Failure.malformedCount("-1")) {
      try SocketActivation.descriptors(environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "-1"], processID: pid)
    }
    #expect(throws: SocketActivation.Failure.nameCountMismatch(descriptors: 2, names: 1)) {
      try SocketActivation.descriptors(
        environment: ["LISTEN_PID": "\(pid)", "LISTEN_FDS": "2", "LISTEN_FDNAMES": "only-one"], processID: pid)
    }
  }

  @Test func refusesDescriptorsThatAreNotOpen() throws {
    let pipe = try FileDescriptor.pipe()
    let first = try consecutiveCopies(of: [pipe.readEnd, pipe.writeEnd])
    closeAll([pipe.readEnd, pipe.writeEnd, FileDescriptor(rawValue: first), FileDescriptor(rawValue: first + 1)])
    #expect(throws: SocketActivation.Failure.descriptorNotOpen(first)) {
      try SocketActivation.descriptors(
        environment: ["LISTEN_PID": "\(getpid())", "LISTEN_FDS": "2"], processID: getpid(), firstDescriptor: first)
    }
  }

  @Test func processEnvironmentIsClearedAfterwards() throws {
    // LISTEN_PID names another process, so no descriptor of the test runner is touched.
    setenv("LISTEN_PID", "\(getpid() + 1)", 1)
    setenv("LISTEN_FDS", "1", 1)
    setenv("LISTEN_FDNAMES", "x", 1)
    #expect(try SocketActivation.adoptFromProcessEnvironment().isEmpty)
    #expect(getenv("LISTEN_PID") == nil)
    #expect(getenv("LISTEN_FDS") == nil)
    #expect(getenv("LISTEN_FDNAMES") == nil)
  }
}
