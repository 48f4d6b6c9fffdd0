import Glibc
public import SystemPackage

extension FileDescriptor {
  /// Flags applied to descriptors as a socket is created (`SOCK_CLOEXEC`, `SOCK_NONBLOCK`), so that no
  /// other thread can fork and inherit them between creation and a later `fcntl`.
  public struct SocketCreationOptions: OptionSet, Hashable, Sendable {
    public let rawValue: CInt
    public init(rawValue: CInt) { self.rawValue = rawValue }

    /// `SOCK_CLOEXEC`: the descriptors are closed on `execve`.
    public static let closeOnExec = SocketCreationOptions(rawValue: CInt(SOCK_CLOEXEC.rawValue))
    /// `SOCK_NONBLOCK`: calls that would wait fail with `EAGAIN` instead.
    public static let nonBlocking = SocketCreationOptions(rawValue: CInt(SOCK_NONBLOCK.rawValue))
  }

  /// Creates a pair of connected, unnamed `AF_UNIX` sockets (`socketpair(2)`).
  ///
  /// Both ends belong to the caller, who must close them.
  public static func socketPair(
    _ type: SocketType = .stream,
    options: SocketCreationOptions = [.closeOnExec]
  ) throws(Errno) -> (FileDescriptor, FileDescriptor) {
    var descriptors: [CInt] = [-1, -1]
    _ = try DescriptorSystemCall.run {
      Glibc.socketpair(AF_UNIX, type.rawValue | options.rawValue, 0, &descriptors)
    }
    return (FileDescriptor(rawValue: descriptors[0]), FileDescriptor(rawValue: descriptors[1]))
  }
}
