import CPetrelSystem
import Glibc
public import SystemPackage

/// Who is at the other end of a connected `AF_UNIX` socket, as the kernel recorded it when the
/// connection was made (`SO_PEERCRED`). The control server authorises commands by these values, never by
/// anything the peer says about itself.
public struct PeerCredentials: Hashable, Sendable, CustomStringConvertible {
  /// The peer's process ID (`pid_t`) at `connect` (or `socketpair`) time.
  public var pid: Int32
  /// The peer's effective user ID (`uid_t`).
  public var uid: UInt32
  /// The peer's effective group ID (`gid_t`).
  public var gid: UInt32

  public init(pid: Int32, uid: UInt32, gid: UInt32) {
    self.pid = pid
    self.uid = uid
    self.gid = gid
  }

  public var description: String { "pid \(pid) uid \(uid) gid \(gid)" }
}

extension FileDescriptor {
  /// The credentials of the peer of this connected `AF_UNIX` socket (`getsockopt(SO_PEERCRED)`).
  public func peerCredentials() throws(Errno) -> PeerCredentials {
    var credentials = PeerCredentials(pid: 0, uid: 0, gid: 0)
    _ = try DescriptorSystemCall.run {
      petrel_peer_credentials(rawValue, &credentials.pid, &credentials.uid, &credentials.gid)
    }
    return credentials
  }

  /// The supplementary groups the peer held when it connected (`getsockopt(SO_PEERGROUPS)`, Linux 4.13).
  ///
  /// Unlike a group-database lookup of the peer's user, this is what the peer's process really had, so a
  /// user removed from a group does not keep the right until the database and the process disagree.
  public func peerGroups() throws(Errno) -> [UInt32] {
    var capacity = 16
    while true {
      var groups = [UInt32](repeating: 0, count: capacity)
      var length = socklen_t(capacity * MemoryLayout<UInt32>.size)
      let result = Glibc.getsockopt(rawValue, SOL_SOCKET, SO_PEERGROUPS, &groups, &length)
      if result == 0 { return Array(groups.prefix(Int(length) / MemoryLayout<UInt32>.size)) }
      let error = Errno(rawValue: errno)
      // ERANGE: `length` now holds the size the kernel needs.
      guard error == .outOfRange else { throw error }
      capacity = max(capacity * 2, Int(length) / MemoryLayout<UInt32>.size)
    }
  }
}
