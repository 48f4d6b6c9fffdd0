import Foundation
import Glibc
import PetrelSystem
import Synchronization
import SystemPackage
import Testing

@Suite struct DescriptorPassingTests {
  @Test(arguments: [SocketType.stream, .sequencedPacket, .datagram])
  func passesSeveralDescriptorsWithThePayload(type: SocketType) throws {
    let (sender, receiver) = try FileDescriptor.socketPair(type)
    defer { closeAll([sender, receiver]) }
    let first = try FileDescriptor.pipe()
    let second = try FileDescriptor.pipe()
    defer { closeAll([first.readEnd, first.writeEnd, second.readEnd, second.writeEnd]) }

    let payload: [UInt8] = Array("dump-cache\u{0}\u{ff}".utf8) + [0, 1, 2, 254, 255]
    try sender.send(payload: payload, descriptors: [first.writeEnd, second.writeEnd, first.readEnd])
    let message = try receiver.receive(maxPayload: 256, maxDescriptors: 4)
    defer { closeAll(message.descriptors) }

    #expect(message.payload == payload)
    try #require(message.descriptors.count == 3)
    #expect(FileIdentity(of: message.descriptors[0]) == FileIdentity(of: first.writeEnd))
    #expect(FileIdentity(of: message.descriptors[1]) == FileIdentity(of: second.writeEnd))
    #expect(FileIdentity(of: message.descriptors[2]) == FileIdentity(of: first.readEnd))
    for descriptor in message.descriptors {
      #expect(isCloseOnExec(descriptor))
      #expect(![first.readEnd, first.writeEnd, second.readEnd, second.writeEnd].contains(descriptor))
    }

    // The received write end is the pipe's: what goes in through it comes out of our read end.
    _ = try message.descriptors[1].writeAll(Array("written through".utf8))
    #expect(try readExactly(15, from: second.readEnd) == Array("written through".utf8))
  }

  @Test func messagesWithoutDescriptorsAndEndOfStream() throws {
    let (sender, receiver) = try FileDescriptor.socketPair()
    defer { try? receiver.close() }
    try sender.send(payload: [1, 2, 3])
    let message = try receiver.receive(maxPayload: 16, maxDescriptors: 2)
    #expect(message == ReceivedMessage(payload: [1, 2, 3], descriptors: []))
    try sender.close()
    #expect(try receiver.receive(maxPayload: 16, maxDescriptors: 2) == ReceivedMessage(payload: [], descriptors: []))
  }

  @Test func refusesTruncatedControlDataAndLeaksNothing() throws {
    let (sender, receiver) = try FileDescriptor.socketPair()
    defer { closeAll([sender, receiver]) }
    let pipe = try FileDescriptor.pipe()
    let identity = FileIdentity(of: pipe.readEnd)
    #expect(openDescriptors(referringTo: identity).count == 2)

    // Eight descriptors against room for one (rounded up by CMSG_SPACE to two): MSG_CTRUNC.
    try sender.send(
      payload: [42], descriptors: Array(repeating: pipe.writeEnd, count: 4) + Array(repeating: pipe.readEnd, count: 4))
    closeAll([pipe.readEnd, pipe.writeEnd])
    #expect(openDescriptors(referringTo: identity).isEmpty)

    #expect(throws: DescriptorPassingError.descriptorsTruncated) {
      try receiver.receive(maxPayload: 16, maxDescriptors: 1)
    }
    #expect(openDescriptors(referringTo: identity).isEmpty)
  }

  @Test func refusesDescriptorsWhenNoneAreExpected() throws {
    let (sender, receiver) = try FileDescriptor.socketPair()
    defer { closeAll([sender, receiver]) }
    let pipe = try FileDescriptor.pipe()
    let identity = FileIdentity(of: pipe.readEnd)
    try sender.send(payload: [1], descriptors: [pipe.readEnd])
    closeAll([pipe.readEnd, pipe.writeEnd])
    #expect(throws: DescriptorPassingError.descriptorsTruncated) {
      try receiver.receive(maxPayload: 16, maxDescriptors: 0)
    }
    #expect(openDescriptors(referringTo: identity).isEmpty)
  }

  @Test func closesSurplusDescriptorsThatFitTheBuffer() throws {
    let (sender, receiver) = try FileDescriptor.socketPair()
    defer { closeAll([sender, receiver]) }
    let pipe = try FileDescriptor.pipe()
    let identity = FileIdentity(of: pipe.readEnd)
    // CMSG_SPACE(4) rounds up to room for two descriptors: the second arrives and must be closed.
    try sender.send(payload: [7], descriptors: [pipe.readEnd, pipe.readEnd])
    closeAll([pipe.readEnd, pipe.writeEnd])

    let message = try receiver.receive(maxPayload: 16, maxDescriptors: 1)
    defer { closeAll(message.descriptors) }
    #expect(message.payload == [7])
    #expect(message.descriptors.count == 1)
    #expect(openDescriptors(referringTo: identity) == message.descriptors.map(\.rawValue))
  }

  @Test func refusesTruncatedDatagrams() throws {
    let (sender, receiver) = try FileDescriptor.socketPair(.datagram)
    defer { closeAll([sender, receiver]) }
    let pipe = try FileDescriptor.pipe()
    let identity = FileIdentity(of: pipe.readEnd)
    try sender.send(payload: Array(repeating: 9, count: 64), descriptors: [pipe.writeEnd])
    closeAll([pipe.readEnd, pipe.writeEnd])
    #expect(throws: DescriptorPassingError.payloadTruncated) {
      try receiver.receive(maxPayload: 8, maxDescriptors: 2)
    }
    #expect(openDescriptors(referringTo: identity).isEmpty)
  }

  @Test func reportsWouldBlockOnNonBlockingSockets() throws {
    let (sender, receiver) = try FileDescriptor.socketPair(.stream, options: [.closeOnExec, .nonBlocking])
    defer { closeAll([sender, receiver]) }
    #expect(throws: DescriptorPassingError.wouldBlock) {
      try receiver.receive(maxPayload: 16, maxDescriptors: 1)
    }
    // Fill the sender's buffer until the kernel takes nothing more.
    var filled = false
    for _ in 0..<100_000 {
      do {
        try sender.send(payload: [1], descriptors: [])
      } catch DescriptorPassingError.wouldBlock {
        filled = true
        break
      }
    }
    #expect(filled)
  }

  @Test func refusesDescriptorsWithAnEmptyPayload() throws {
    let (sender, receiver) = try FileDescriptor.socketPair()
    defer { closeAll([sender, receiver]) }
    #expect(throws: DescriptorPassingError.descriptorsNeedPayload) {
      try sender.send(payload: [], descriptors: [sender])
    }
  }

  @Test func completesAPartialStreamWriteAfterTheDescriptors() throws {
    let (sender, receiver) = try FileDescriptor.socketPair(.stream, options: [.closeOnExec, .nonBlocking])
    defer { closeAll([sender, receiver]) }
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }
    // Far more than a UNIX socket buffer holds: sendmsg takes part, the rest needs waiting and writing.
    let payload = (0..<(4 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 13) }

    let outcome = Mutex<(bytes: [UInt8], descriptors: [FileDescriptor], error: String?)>(([], [], nil))
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      var flags = fcntl(receiver.rawValue, F_GETFL)
      flags &= ~O_NONBLOCK
      _ = fcntl(receiver.rawValue, F_SETFL, flags)
      var bytes: [UInt8] = []
      var descriptors: [FileDescriptor] = []
      var failure: String?
      while bytes.count < payload.count {
        do {
          let message = try receiver.receive(maxPayload: 65536, maxDescriptors: 2)
          if message.payload.isEmpty && message.descriptors.isEmpty { break }
          bytes += message.payload
          descriptors += message.descriptors
        } catch {
          failure = "\(error)"
          break
        }
      }
      outcome.withLock { $0 = (bytes, descriptors, failure) }
      done.signal()
    }
    try sender.send(payload: payload, descriptors: [pipe.writeEnd])
    done.wait()
    let (bytes, descriptors, failure) = outcome.withLock { $0 }
    defer { closeAll(descriptors) }
    #expect(failure == nil)
    #expect(bytes.count == payload.count)
    #expect(bytes == payload)
    try #require(descriptors.count == 1)
    #expect(FileIdentity(of: descriptors[0]) == FileIdentity(of: pipe.writeEnd))
  }
}
