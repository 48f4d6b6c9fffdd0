import NIOCore
import PetrelDNS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension UpstreamServer {
  /// The server's address and port as the kernel's structure, built from the octets (no text parsing).
  enum KernelSocketAddress {
    case v4(sockaddr_in)
    case v6(sockaddr_in6)
  }

  var kernelSocketAddress: KernelSocketAddress {
    switch address {
    case .v4(let address):
      var raw = sockaddr_in()
      raw.sin_family = sa_family_t(AF_INET)
      raw.sin_port = port.bigEndian
      raw.sin_addr.s_addr = address.value.bigEndian
      return .v4(raw)
    case .v6(let address):
      var raw = sockaddr_in6()
      raw.sin6_family = sa_family_t(AF_INET6)
      raw.sin6_port = port.bigEndian
      withUnsafeMutableBytes(of: &raw.sin6_addr) { bytes in
        for (index, octet) in address.octets.enumerated() { bytes[index] = octet }
      }
      return .v6(raw)
    }
  }
}

extension SocketAddress {
  /// The server's address and port as a SwiftNIO socket address (for TCP connections).
  init(_ server: UpstreamServer) {
    switch server.kernelSocketAddress {
    case .v4(let raw): self.init(raw, host: "")
    case .v6(let raw): self.init(raw, host: "")
    }
  }
}
