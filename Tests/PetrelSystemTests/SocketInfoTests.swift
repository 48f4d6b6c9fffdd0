import Glibc
import PetrelSystem
import SystemPackage
import Testing

@Suite struct SocketInfoTests {
  @Test func describesABoundUDPSocket() throws {
    let socket = try boundInternetSocket(ipv6: false, type: CInt(SOCK_DGRAM.rawValue), listen: false)
    defer { try? socket.close() }
    let info = try socket.socketInfo()
    #expect(info.domain == .ipv4)
    #expect(info.type == .datagram)
    #expect(info.protocolNumber == CInt(IPPROTO_UDP))
    #expect(!info.isListening)
    guard case .ipv4(let address, let port) = info.address else {
      Issue.record("expected an IPv4 address, got \(info.address)")
      return
    }
    #expect(address == "127.0.0.1")
    #expect(port != 0)
    #expect(info.description == "AF_INET SOCK_DGRAM protocol 17 127.0.0.1:\(port)")
  }

  @Test func describesAListeningTCPv6Socket() throws {
    let socket = try boundInternetSocket(ipv6: true, type: CInt(SOCK_STREAM.rawValue), listen: true)
    defer { try? socket.close() }
    let info = try socket.socketInfo()
    #expect(info.domain == .ipv6)
    #expect(info.type == .stream)
    #expect(info.protocolNumber == CInt(IPPROTO_TCP))
    #expect(info.isListening)
    guard case .ipv6(let address, let port, let scopeID) = info.address else {
      Issue.record("expected an IPv6 address, got \(info.address)")
      return
    }
    #expect(address == "::1")
    #expect(port != 0)
    #expect(scopeID == 0)
  }

  @Test func describesUnixSockets() throws {
    let (one, other) = try FileDescriptor.socketPair(.sequencedPacket)
    defer { closeAll([one, other]) }
    let pairInfo = try one.socketInfo()
    #expect(
      pairInfo
        == SocketInfo(
          domain: .unix, type: .sequencedPacket, protocolNumber: 0, address: .unixUnnamed, isListening: false))

    let path = "/tmp/\(uniqueName("info"))"
    let bound = try boundDatagramSocket(path: path)
    defer { try? bound.close(); unlink(path) }
    #expect(try bound.socketInfo().address == .unixPath(path))

    let name = uniqueName("abstract")
    let abstract = try boundDatagramSocket(abstractName: name)
    defer { try? abstract.close() }
    let abstractInfo = try abstract.socketInfo()
    #expect(abstractInfo.address == .unixAbstract(name))
    #expect(abstractInfo.address.description == "@\(name)")
    #expect(abstractInfo.type == .datagram)
  }

  @Test func refusesDescriptorsThatAreNotSockets() throws {
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }
    #expect(throws: Errno.notSocket) { try pipe.readEnd.socketInfo() }
  }
}
