import Glibc
import PetrelControl
import PetrelSystem
import PetrelTestSupport
import SystemPackage
import Testing

/// Requests whose descriptors break the rules, sent raw (the client would refuse to send them): each is
/// refused with its reason, and every descriptor that reached the server is closed by the time the
/// refusal arrives.
@Suite struct DescriptorRefusalTests {
  /// Sends `bytes` with `count` copies of a fresh pipe's write end, returns the response, and checks
  /// that afterwards only the test's own two ends of the pipe are open.
  func refusal(_ bytes: [UInt8], descriptors count: Int, server: TestServer, header: Bool = true) throws
    -> ControlResponse
  {
    let pipe = try TestPipe()
    defer { closeAll(pipe) }
    let connection = try RawConnection(path: server.socketPath)
    if header {
      connection.send(bytes, descriptors: Array(repeating: pipe.writeEnd, count: count))
    } else {
      // The header alone first, the descriptors with the payload afterwards.
      connection.send(Array(bytes.prefix(ControlProtocol.headerSize)))
      connection.send(
        Array(bytes.dropFirst(ControlProtocol.headerSize)), descriptors: Array(repeating: pipe.writeEnd, count: count))
    }
    let response = try connection.readResponse()
    let open = controlDescriptors(socketPath: "-", identities: [pipe.identity])
    #expect(Set(open) == [pipe.readEnd.rawValue, pipe.writeEnd.rawValue], "a passed descriptor was leaked")
    try pipe.writeEnd.close()
    #expect(pipe.readEndSeesEndOfFile())
    try? pipe.readEnd.close()
    return response
  }

  @Test func descriptorsWithPingAreRefusedAndClosed() throws {
    let server = try TestServer()
    let response = try refusal(requestFrame(#"{"command":"ping","descriptors":1}"#), descriptors: 1, server: server)
    #expect(response == .refused("ping takes no descriptors, 1 attached"))
    #expect(server.handler.callCount == 0)
    #expect(server.logs.contains("refused control request: ping takes no descriptors, 1 attached"))
  }

  @Test func anUndeclaredDescriptorIsRefused() throws {
    let server = try TestServer()
    let response = try refusal(requestFrame(#"{"command":"ping"}"#), descriptors: 1, server: server)
    #expect(response == .refused("the request declares 0 descriptors but 1 arrived with it"))
  }

  @Test func moreDescriptorsThanTheCommandTakesAreRefused() throws {
    let server = try TestServer()
    let response = try refusal(
      requestFrame(#"{"command":"dump-cache","descriptors":2}"#), descriptors: 2, server: server)
    #expect(response == .refused("dump-cache takes one descriptor, 2 attached"))
  }

  @Test func moreDescriptorsThanAnyRequestMayCarryAreRefused() throws {
    let server = try TestServer()
    let response = try refusal(
      requestFrame(#"{"command":"dump-cache","descriptors":1}"#), descriptors: 40, server: server)
    #expect(response.status == .refused)
    #expect(response.message.hasPrefix("more than \(ControlProtocol.maximumDescriptorsPerRequest) descriptors arrived"))
  }

  @Test func descriptorsAfterTheHeaderAreRefused() throws {
    let server = try TestServer()
    let response = try refusal(
      requestFrame(#"{"command":"dump-cache","descriptors":1}"#), descriptors: 1, server: server, header: false)
    #expect(response == .refused("descriptors arrived outside a request header (they were closed)"))
  }

  @Test func descriptorsFromAnInvalidRequestAreClosed() throws {
    let server = try TestServer()
    let malformed = try refusal(requestFrame("{not json"), descriptors: 1, server: server)
    #expect(malformed.status == .refused && malformed.message.hasPrefix("malformed request"))
    let unknown = try refusal(
      requestFrame(#"{"command":"format-disk","descriptors":1}"#), descriptors: 1, server: server)
    #expect(unknown == .refused("unknown command 'format-disk'"))
    let badVersion = try refusal(requestFrame(#"{"command":"ping"}"#, version: 9), descriptors: 1, server: server)
    #expect(badVersion.status == .refused)
  }
}
