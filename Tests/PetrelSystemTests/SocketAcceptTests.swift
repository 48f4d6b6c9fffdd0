import Glibc
import PetrelSystem
import SystemPackage
import Testing

@Suite struct SocketAcceptTests {
  @Test func acceptedConnectionsAreCloseOnExecAndConnectedToThePeer() throws {
    let path = "/tmp/\(uniqueName("accept")).sock"
    defer { unlink(path) }
    let listener = FileDescriptor(
      rawValue: socket(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0))
    defer { try? listener.close() }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
    }
    let length = socklen_t(MemoryLayout<sockaddr_un>.size)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener.rawValue, $0, length) }
    }
    #expect(bound == 0 && listen(listener.rawValue, 1) == 0)
    let client = FileDescriptor(rawValue: socket(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0))
    defer { try? client.close() }
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client.rawValue, $0, length) }
    }
    #expect(connected == 0)

    let accepted = try listener.acceptConnection()
    defer { try? accepted.close() }
    #expect(isCloseOnExec(accepted))
    #expect(try accepted.peerCredentials().pid == getpid())
    #expect(try accepted.socketInfo().address == .unixPath(path))

    // A non-blocking listener with nobody waiting: EAGAIN, not a hang.
    #expect(fcntl(listener.rawValue, F_SETFL, O_NONBLOCK) == 0)
    #expect(throws: Errno.wouldBlock) { try listener.acceptConnection() }
  }
}
