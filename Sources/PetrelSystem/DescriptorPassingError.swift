public import SystemPackage

/// Why a message with descriptors could not be sent or received: the cases a caller handles differently
/// (wait and retry, refuse the peer, report) are kept apart instead of being hidden in one `Errno`.
public enum DescriptorPassingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The socket is non-blocking and the call would have waited (`EAGAIN`); nothing was sent or received.
  case wouldBlock
  /// The kernel had more descriptors for us than the control buffer could hold (`MSG_CTRUNC`). The extra
  /// ones were discarded by the kernel and the ones that did arrive have been closed.
  case descriptorsTruncated
  /// A datagram or record was longer than the payload buffer (`MSG_TRUNC`): its tail is lost. Any
  /// descriptors that came with it have been closed.
  case payloadTruncated
  /// Descriptors were given with an empty payload: a stream socket only delivers them with at least one
  /// byte of data, so the call is refused on every socket type.
  case descriptorsNeedPayload
  /// Any other failure of the system call.
  case system(Errno)

  /// Maps `EAGAIN` to ``wouldBlock`` and everything else to ``system(_:)``.
  init(_ error: Errno) {
    self = error == .wouldBlock ? .wouldBlock : .system(error)
  }

  public var description: String {
    switch self {
    case .wouldBlock: "the socket is non-blocking and not ready (EAGAIN)"
    case .descriptorsTruncated:
      "more descriptors arrived than the receive buffer allows (MSG_CTRUNC); those that arrived were closed"
    case .payloadTruncated: "the message was longer than the payload buffer (MSG_TRUNC)"
    case .descriptorsNeedPayload: "descriptors can only be sent together with at least one byte of payload"
    case .system(let error): "\(error)"
    }
  }
}
