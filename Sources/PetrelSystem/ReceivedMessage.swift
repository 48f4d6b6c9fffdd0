public import SystemPackage

/// What one `recvmsg` delivered: the bytes and the descriptors that came with them. The descriptors are
/// new in this process (close-on-exec) and belong to whoever holds this value.
public struct ReceivedMessage: Hashable, Sendable {
  /// The payload bytes; empty with no descriptors on a stream socket means the peer closed its end.
  public var payload: [UInt8]
  /// Descriptors passed with `SCM_RIGHTS`, in the order the sender listed them.
  public var descriptors: [FileDescriptor]

  public init(payload: [UInt8], descriptors: [FileDescriptor]) {
    self.payload = payload
    self.descriptors = descriptors
  }
}
