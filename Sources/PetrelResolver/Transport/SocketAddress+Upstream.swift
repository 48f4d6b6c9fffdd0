import NIOCore
import PetrelDNS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension SocketAddress {
  /// The server's address and port as a socket address, built from the octets (no text parsing on the hot path).
  init(_ server: UpstreamServer) {
    switch server.address {
    case .v4(let address):
      var raw = sockaddr_in()
      raw.sin_family = sa_family_t(AF_INET)
      raw.sin_port = server.port.bigEndian
      raw.sin_addr.s_addr = address.value.bigEndian
      self.init(raw, host: "")
    case .v6(let address):
      var raw = sockaddr_in6()
      raw.sin6_family = sa_family_t(AF_INET6)
      raw.sin6_port = server.port.bigEndian
      withUnsafeMutableBytes(of: &raw.sin6_addr) { bytes in
        for (index, octet) in address.octets.enumerated() { bytes[index] = octet }
      }
      self.init(raw, host: "")
    }
  }
}
