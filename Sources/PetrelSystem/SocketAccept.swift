import CPetrelSystem
public import SystemPackage

extension FileDescriptor {
  /// Accepts one connection on this listening socket (`accept4` with `SOCK_CLOEXEC`), so the new
  /// descriptor is never inherited across `execve`, not even by a process another thread forks in the
  /// instant after the call. Retries `EINTR` unless told not to.
  ///
  /// The new descriptor belongs to the caller, who must close it.
  ///
  /// - Throws: `Errno.wouldBlock` on a non-blocking socket with no pending connection; `ECONNABORTED`
  ///   when a client gave up before it was accepted; `EMFILE`/`ENFILE` at the descriptor limit.
  public func acceptConnection(retryOnInterrupt: Bool = true) throws(Errno) -> FileDescriptor {
    FileDescriptor(
      rawValue: try DescriptorSystemCall.run(retryOnInterrupt: retryOnInterrupt) {
        petrel_accept_cloexec(rawValue)
      })
  }
}
