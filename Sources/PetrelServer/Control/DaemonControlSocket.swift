import Glibc
public import PetrelControl
import SystemPackage

/// Start-up phase 1 for the control channel: the runtime directory and the control socket in it, made while
/// the daemon may still create files, and the authorisation rule that goes with them.
///
/// Kept apart from `PetrelDaemon` so that the start-up code gains one call, and so that what the socket file
/// looks like (directory 0750, socket 0660, group = `control-group`) is written down in one place.
public struct DaemonControlSocket: Sendable {
  /// Why the control channel could not be set up; the daemon refuses to start.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// The name of the socket file in the runtime directory.
  public static let fileName = "control.sock"

  /// The bound, listening socket; served later by ``DaemonControl``.
  public let socket: BoundControlSocket
  /// The control group's ID and name, if one is configured.
  public let controlGroup: (id: UInt32, name: String)?

  /// Creates `runtimeDirectory` if it is missing (mode 0750, group = the control group) and binds
  /// `runtimeDirectory/control.sock` with mode 0660 and the control group.
  public static func bind(runtimeDirectory: String, controlGroup name: String?) throws(Failure) -> DaemonControlSocket {
    var group: (id: UInt32, name: String)? = nil
    if let name {
      do {
        let authorization = try ControlAuthorization(controlGroupNamed: name)
        if let id = authorization.controlGroupID { group = (id, name) }
      } catch {
        throw Failure(description: "control-group \(name): \(error)")
      }
    }
    try makeDirectory(runtimeDirectory, group: group?.id)
    let path = runtimeDirectory.hasSuffix("/") ? runtimeDirectory + fileName : runtimeDirectory + "/" + fileName
    do {
      let socket = try ControlServer.bind(path: path, group: group?.id)
      return DaemonControlSocket(socket: socket, controlGroup: group)
    } catch {
      throw Failure(description: "control socket: \(error)")
    }
  }

  /// Who may connect: root, the daemon's user (its effective user when this is called: after the privilege
  /// drop) and the members of the control group.
  public func authorization() -> ControlAuthorization {
    ControlAuthorization(controlGroupID: controlGroup?.id, controlGroupName: controlGroup?.name)
  }

  /// Creates the directory (not its parents) if it does not exist; an existing one is left as it is.
  private static func makeDirectory(_ path: String, group: UInt32?) throws(Failure) {
    guard !path.isEmpty else { throw Failure(description: "the runtime directory is empty") }
    if mkdir(path, 0o750) == 0 {
      // mkdir narrows the mode by the umask; set it exactly.
      guard chmod(path, 0o750) == 0 else { throw systemFailure("chmod", path) }
      if let group, chown(path, uid_t.max, group) != 0 { throw systemFailure("chown", path) }
      return
    }
    guard errno == EEXIST else { throw systemFailure("create the runtime directory", path) }
    var status = stat()
    guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
      throw Failure(description: "runtime directory \(path) exists and is not a directory")
    }
  }

  private static func systemFailure(_ operation: String, _ path: String) -> Failure {
    Failure(description: "\(operation) \(path): \(Errno(rawValue: errno))")
  }
}
