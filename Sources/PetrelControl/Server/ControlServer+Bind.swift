import Glibc
public import SystemPackage

extension ControlServer {
  /// Creates the control socket at `path`, listening, with permissions `mode` and group `group`.
  ///
  /// Call it in start-up phase 1, before privileges are dropped; serve the result later with
  /// ``ControlServer/init(socket:handler:authorization:limits:logger:)``.
  ///
  /// - An existing socket file is replaced only if nothing answers on it (a stale file left by a daemon
  ///   that could not remove it); if something answers, ``ControlBindError/inUse(_:)``. Any other kind of
  ///   file is left alone (``ControlBindError/notASocket(_:)``).
  /// - The file never exists with wider permissions than asked for: the socket's inode mode is set to
  ///   0600 before `bind`, and Linux creates the file with that mode (further narrowed by the umask), so
  ///   only the owner can connect until `chown` and `chmod` have set the final group and mode. This gives
  ///   what a restrictive umask around `bind` gives, without changing the umask, which every thread of
  ///   the process shares.
  public static func bind(
    path: String,
    mode: FilePermissions = [.ownerReadWrite, .groupReadWrite],
    group: UInt32? = nil,
    backlog: Int32 = 16
  ) throws(ControlBindError) -> BoundControlSocket {
    guard let address = UnixSocketPath(path) else { throw .invalidPath(path) }
    try removeStaleSocket(at: address)

    let socket: FileDescriptor
    do {
      socket = try UnixSocketPath.makeSocket()
    } catch {
      throw .system(operation: "socket for", path: path, error)
    }
    var created = false
    do throws(ControlBindError) {
      try call("restrict the creation mode of", path) { fchmod(socket.rawValue, 0o600) }
      do {
        try address.bind(socket)
      } catch .addressInUse {
        throw .inUse(path)
      } catch {
        throw .system(operation: "bind", path: path, error)
      }
      created = true
      if let group {
        try call("chown", path) { chown(path, uid_t.max, group) }
      }
      try call("chmod", path) { chmod(path, mode.rawValue) }
      try call("listen on", path) { listen(socket.rawValue, backlog) }
      var status = stat()
      try call("stat", path) { lstat(path, &status) }
      return BoundControlSocket(
        path: path, descriptor: socket, device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    } catch {
      _ = Glibc.close(socket.rawValue)
      if created { _ = unlink(path) }
      throw error
    }
  }

  /// Removes a socket file at `address` if nothing answers on it.
  private static func removeStaleSocket(at address: UnixSocketPath) throws(ControlBindError) {
    var status = stat()
    guard lstat(address.path, &status) == 0 else {
      let error = Errno(rawValue: errno)
      if error == .noSuchFileOrDirectory { return }
      throw .system(operation: "stat", path: address.path, error)
    }
    guard status.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(address.path) }
    let probe: FileDescriptor
    do {
      probe = try UnixSocketPath.makeSocket()
    } catch {
      throw .system(operation: "socket for", path: address.path, error)
    }
    defer { _ = Glibc.close(probe.rawValue) }
    let answered: Bool
    do {
      try address.connect(probe)
      answered = true
    } catch .connectionRefused {
      answered = false  // stale: nothing listens, so it is replaced
    } catch .noSuchFileOrDirectory {
      return  // removed in the meantime
    } catch {
      throw .system(operation: "connect to", path: address.path, error)
    }
    if answered { throw .inUse(address.path) }
    guard unlink(address.path) == 0 || errno == ENOENT else {
      throw .system(operation: "remove stale socket", path: address.path, Errno(rawValue: errno))
    }
  }

  /// Runs a C call that returns -1 and sets `errno` on failure.
  private static func call(_ operation: String, _ path: String, _ body: () -> CInt) throws(ControlBindError) {
    guard body() == -1 else { return }
    throw .system(operation: operation, path: path, Errno(rawValue: errno))
  }
}
