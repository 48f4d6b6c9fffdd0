import Glibc
import PetrelServer
import PetrelSystem
import SystemPackage
import Testing

@Suite("Binding the listening sockets before any event loop")
struct ListeningSocketTests {
  @Test("One UDP socket per loop on the same port, plus TCP, on IPv4 and IPv6")
  func reusePortPerLoop() throws {
    let sockets = try StartupSequence.bindSockets(
      listen: [ListenAddress(host: "127.0.0.1", port: 0), ListenAddress(host: "::1", port: 0)], threads: 3)
    defer { sockets.close() }
    #expect(sockets.addresses.count == 2)
    for address in sockets.addresses {
      #expect(address.udp.count == 3)
      #expect(Set(address.udp.map(\.port)) == [address.tcp.port])
      let info = try address.tcp.descriptor.socketInfo()
      #expect(info.isListening)
      #expect(info.type == .stream)
      #expect(try address.udp[0].descriptor.socketInfo().type == .datagram)
    }
    #expect(try sockets.addresses[1].udp[2].descriptor.socketInfo().domain == .ipv6)
  }

  @Test("UDP sockets get the large receive queue (root may exceed rmem_max)", .enabled(if: geteuid() == 0))
  func receiveBuffer() throws {
    let sockets = try StartupSequence.bindSockets(listen: [ListenAddress(host: "127.0.0.1", port: 0)], threads: 1)
    defer { sockets.close() }
    var size: CInt = 0
    var length = socklen_t(MemoryLayout<CInt>.size)
    #expect(getsockopt(sockets.addresses[0].udp[0].descriptor.rawValue, SOL_SOCKET, SO_RCVBUF, &size, &length) == 0)
    #expect(Int(size) >= StartupSequence.udpReceiveBufferSize)
  }

  @Test("An address that cannot be bound fails, closing what was already bound")
  func failure() throws {
    let taken = try StartupSequence.bindSockets(listen: [ListenAddress(host: "127.0.0.1", port: 0)], threads: 1)
    defer { taken.close() }
    let port = Int(taken.addresses[0].port)
    #expect(throws: StartupSequence.Failure.self) {
      // The TCP port is held without SO_REUSEPORT, so the second set cannot bind it.
      _ = try StartupSequence.bindSockets(listen: [ListenAddress(host: "127.0.0.1", port: port)], threads: 1)
    }
    #expect(throws: ListeningSocket.Failure.self) {
      _ = try ListeningSocket.bind(host: "not-an-address", port: 53, transport: .udp, reusePort: false)
    }
  }
}
