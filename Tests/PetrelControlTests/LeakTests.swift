import Glibc
import PetrelControl
import PetrelSystem
import PetrelTestSupport
import SystemPackage
import Testing

@Suite struct LeakTests {
  @Test func aThousandRequestsLeaveNoDescriptorBehind() throws {
    // Abandoned sessions may still be winding down when the next request comes: room for all of them.
    let server = try TestServer(
      limits: ControlServerLimits(maximumConnections: 1000),
      handler: ClosureHandler { request, descriptors, progress in
        guard request.command == .dumpCache else { return .ok() }
        var writer = try DescriptorWriter(descriptors[0], progress: progress)
        try writer.write(record: "one line\n")
        try writer.flush()
        return .ok(fields: writer.progressFields)
      })
    let output = try OutputTarget(server.directory.file("dump")).open()
    let identity = FileIdentity(of: output.descriptor)
    let before = controlDescriptors(socketPath: server.socketPath, identities: [identity])
    #expect(before.count == 2, "the listening socket and the test's file")

    let client = server.client()
    for index in 0..<1000 {
      switch index % 4 {
      case 0: _ = try client.send(ControlRequest(.dumpCache), descriptors: [output.descriptor])
      case 1: _ = try client.send(ControlRequest(.ping))
      case 2:
        // Refused: a descriptor with ping.
        let connection = try RawConnection(path: server.socketPath)
        connection.send(requestFrame(#"{"command":"ping","descriptors":1}"#), descriptors: [output.descriptor])
        #expect(try connection.readResponse().status == .refused)
      default:
        // Abandoned half-way.
        let connection = try RawConnection(path: server.socketPath)
        connection.send(Array(requestFrame(#"{"command":"ping"}"#).prefix(5)), descriptors: [output.descriptor])
      }
    }
    server.stop()  // waits for every session to end
    #expect(controlDescriptors(socketPath: server.socketPath, identities: [identity]) == [output.descriptor.rawValue])
    #expect(contents(of: server.directory.file("dump"))?.count == 250 * 9)
    output.close()
  }
}
