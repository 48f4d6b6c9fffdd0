import Glibc
import PetrelServer
import PetrelSystem
import SystemPackage
import Testing

@Suite struct SocketDescriptionTests {
  @Test(arguments: [("127.0.0.1", ListeningSocket.Transport.udp), ("::1", .tcp)])
  func aSocketMatchesItsOwnDescription(host: String, transport: ListeningSocket.Transport) throws {
    let socket = try ListeningSocket.bind(host: host, port: 0, transport: transport, reusePort: true)
    defer { socket.close() }
    let info = try socket.descriptor.socketInfo()
    let description = TakeoverSocketDescription(
      role: transport == .udp ? .dnsUDP : .dnsTCP, descriptor: socket.descriptor.rawValue, info: info)
    #expect(description.differences(from: info).isEmpty)
    #expect(description.family == (host == "::1" ? "inet6" : "inet"))
    #expect(description.type == (transport == .udp ? "datagram" : "stream"))
    #expect(description.protocolNumber == (transport == .udp ? 17 : 6))
    #expect(description.port == socket.port)
    #expect(description.listening == (transport == .tcp))
    let adopted = try ListeningSocket.adopting(socket.descriptor, info: info)
    #expect(adopted.transport == transport && adopted.host == host && adopted.port == socket.port)
  }

  @Test func anotherSocketDiffersFieldByField() throws {
    let udp = try ListeningSocket.bind(host: "127.0.0.1", port: 0, transport: .udp, reusePort: true)
    let tcp = try ListeningSocket.bind(host: "127.0.0.1", port: 0, transport: .tcp, reusePort: false)
    defer {
      udp.close()
      tcp.close()
    }
    let description = TakeoverSocketDescription(
      role: .dnsUDP, descriptor: udp.descriptor.rawValue, info: try udp.descriptor.socketInfo())
    let differences = description.differences(from: try tcp.descriptor.socketInfo())
    #expect(differences.contains("type stream, described as datagram"))
    #expect(differences.contains("protocol 6, described as 17"))
    #expect(differences.contains("listening true, described as false"))
    #expect(differences.contains { $0.hasPrefix("port ") } == (udp.port != tcp.port))
  }

  @Test func describesItselfForTheLog() throws {
    let socket = try ListeningSocket.bind(host: "127.0.0.1", port: 0, transport: .tcp, reusePort: false)
    defer { socket.close() }
    let description = TakeoverSocketDescription(
      role: .dnsTCP, descriptor: 7, info: try socket.descriptor.socketInfo())
    #expect(
      "\(description)" == "dns-tcp 127.0.0.1:\(socket.port) (descriptor 7)")
  }
}
