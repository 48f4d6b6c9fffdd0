import NIOCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension UpstreamError {
  /// What a socket-level failure means to the resolver.
  ///
  /// `ECONNREFUSED` is the server's (or the network's) no: an ICMP port unreachable on a connected UDP socket, a
  /// reset in answer to a TCP SYN. The "cannot get there from here" family (no route, address family not
  /// configured, no such local address) is `.unreachable`. A reset or broken pipe on an established TCP connection
  /// is the connection closing under us. Anything else keeps the system's words.
  init(transportError error: any Error) {
    if let error = error as? UpstreamError {
      self = error
    } else if let error = error as? IOError {
      self = UpstreamError(errno: error.errnoCode, description: "\(error)")
    } else if let error = error as? ChannelError {
      switch error {
      case .connectTimeout: self = .timeout
      case .ioOnClosedChannel, .alreadyClosed, .eof, .outputClosed, .inputClosed: self = .connectionClosed
      default: self = .failed("\(error)")
      }
    } else {
      self = .failed("\(error)")
    }
  }

  init(errno code: CInt, description: String) {
    switch code {
    case ECONNREFUSED: self = .refused
    case ENETUNREACH, EHOSTUNREACH, EAFNOSUPPORT, EADDRNOTAVAIL, ENETDOWN, EHOSTDOWN: self = .unreachable
    case ECONNRESET, EPIPE, ECONNABORTED: self = .connectionClosed
    default: self = .failed(description)
    }
  }
}
