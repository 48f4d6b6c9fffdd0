import Glibc
import Synchronization
public import SystemPackage

/// A control socket that is bound and listening but not yet served. It exists so that the daemon can
/// create the socket file in start-up phase 1, while it may still write to its runtime directory, and
/// serve it with ``ControlServer`` after every privilege is gone. Clients that connect in between wait
/// in the listen backlog instead of being told the daemon is not running.
public final class BoundControlSocket: Sendable {
  /// Where the socket file is.
  public let path: String
  /// The listening socket.
  public let descriptor: FileDescriptor
  /// Device and inode of the socket file, to remove it only while it is still ours.
  private let device: UInt64
  private let inode: UInt64
  private let isClosed = Atomic<Bool>(false)

  init(path: String, descriptor: FileDescriptor, device: UInt64, inode: UInt64) {
    self.path = path
    self.descriptor = descriptor
    self.device = device
    self.inode = inode
  }

  /// Closes the socket and removes its file if the path still names this socket (a newer daemon may
  /// have replaced it). A sandboxed daemon may be unable to remove it; the next start then finds a stale
  /// socket that nothing answers on and replaces it. Calling it again does nothing.
  ///
  /// - Returns: whether the file was removed.
  @discardableResult
  public func close() -> Bool {
    guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return false }
    _ = Glibc.close(descriptor.rawValue)
    var status = stat()
    guard lstat(path, &status) == 0, UInt64(status.st_dev) == device, UInt64(status.st_ino) == inode else {
      return false
    }
    return unlink(path) == 0
  }
}
