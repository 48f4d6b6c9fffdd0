import Glibc
import PetrelSystem
public import SystemPackage

extension BoundControlSocket {
  /// A listening control socket this process did not bind: the running daemon's, taken over with its
  /// DNS sockets, so that the socket file and every client queued on it stay valid across the upgrade.
  ///
  /// Checks that the descriptor is a listening `AF_UNIX` stream socket bound to `path`, and that `path`
  /// still names a socket file (whose device and inode are recorded, so that ``close()`` removes only that
  /// file). The descriptor belongs to the returned value.
  public static func adopting(_ descriptor: FileDescriptor, path: String) throws(ControlBindError) -> BoundControlSocket
  {
    let info: SocketInfo
    do {
      info = try descriptor.socketInfo()
    } catch {
      throw .system(operation: "inspect the control socket for", path: path, error)
    }
    guard info.domain == .unix, info.type == .stream, info.isListening, info.address == .unixPath(path) else {
      throw .notASocket("\(path) (the descriptor is \(info))")
    }
    var status = stat()
    guard lstat(path, &status) == 0 else {
      throw .system(operation: "stat", path: path, Errno(rawValue: errno))
    }
    guard status.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path) }
    return BoundControlSocket(
      path: path, descriptor: descriptor, device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
  }
}
