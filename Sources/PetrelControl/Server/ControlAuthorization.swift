import Glibc
public import PetrelSystem

/// Who may use the control socket: root, the daemon's own user, and members of one configured control
/// group. Decided from what the kernel recorded about the peer (`SO_PEERCRED`, `SO_PEERGROUPS`), never
/// from anything the client says.
public struct ControlAuthorization: Hashable, Sendable {
  /// The daemon's user ID (after it dropped privileges): its own user may always control it.
  public var daemonUserID: UInt32
  /// The control group's ID, if one is configured.
  public var controlGroupID: UInt32?
  /// The control group's name, for messages.
  public var controlGroupName: String?

  /// - Parameters:
  ///   - daemonUserID: `nil` means the effective user ID at the time of the call; build the value after
  ///     the privilege drop, or pass the user the daemon switches to.
  ///   - controlGroupID: members of this group may control the daemon.
  public init(daemonUserID: UInt32? = nil, controlGroupID: UInt32? = nil, controlGroupName: String? = nil) {
    self.daemonUserID = daemonUserID ?? geteuid()
    self.controlGroupID = controlGroupID
    self.controlGroupName = controlGroupName
  }

  /// Resolves the control group by name in the group database.
  public init(daemonUserID: UInt32? = nil, controlGroupNamed name: String) throws(AccountLookupError) {
    let record: GroupRecord?
    do {
      record = try GroupMembership.group(named: name)
    } catch {
      throw .lookupFailed(name, error)
    }
    guard let record else { throw .noSuchGroup(name) }
    self.init(daemonUserID: daemonUserID, controlGroupID: record.gid, controlGroupName: name)
  }

  /// The decision for one peer.
  ///
  /// - Parameter peerGroups: the peer's supplementary groups as the kernel recorded them
  ///   (`SO_PEERGROUPS`), or `nil` if the kernel could not say; then the group database decides.
  public func decide(peer: PeerCredentials, peerGroups: [UInt32]?) -> ControlAuthorizationDecision {
    if peer.uid == 0 { return .allowed("root") }
    if peer.uid == daemonUserID { return .allowed("the daemon's own user") }
    if let group = controlGroupID {
      if peer.gid == group || peerGroups?.contains(group) == true { return .allowed("member of \(groupText)") }
      if peerGroups == nil, (try? GroupMembership.isMember(uid: peer.uid, gid: peer.gid, of: group)) == true {
        return .allowed("member of \(groupText) (group database)")
      }
    }
    return .refused(
      "permission denied: uid \(peer.uid) may not control this daemon (allowed: root, uid \(daemonUserID)"
        + (controlGroupID == nil ? "" : ", members of \(groupText)") + ")")
  }

  private var groupText: String {
    let id = controlGroupID.map(String.init) ?? "?"
    return controlGroupName.map { "group \($0) (\(id))" } ?? "group \(id)"
  }
}

/// Whether a peer may run commands, with the reason (logged, and sent to a refused client).
public enum ControlAuthorizationDecision: Hashable, Sendable {
  case allowed(String)
  case refused(String)
}
