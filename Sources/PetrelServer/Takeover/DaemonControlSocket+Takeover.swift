import PetrelControl

extension DaemonControlSocket {
  /// The running daemon's control socket, taken over with its DNS sockets, with this configuration's
  /// control group for the authorisation rule.
  static func takenOver(_ socket: BoundControlSocket, controlGroup name: String?) throws(Failure) -> DaemonControlSocket
  {
    var group: (id: UInt32, name: String)? = nil
    if let name {
      do {
        let authorization = try ControlAuthorization(controlGroupNamed: name)
        if let id = authorization.controlGroupID { group = (id, name) }
      } catch {
        throw Failure(description: "control-group \(name): \(error)")
      }
    }
    return DaemonControlSocket(socket: socket, controlGroup: group)
  }

  /// `runtimeDirectory/control.sock`, as ``bind(runtimeDirectory:controlGroup:)`` makes it.
  static func path(runtimeDirectory: String) -> String {
    runtimeDirectory.hasSuffix("/") ? runtimeDirectory + fileName : runtimeDirectory + "/" + fileName
  }
}
