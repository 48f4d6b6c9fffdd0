import Glibc
public import SystemPackage

/// One entry of the group database (`/etc/group` or whatever NSS serves), as `getgrnam_r` returns it.
public struct GroupRecord: Hashable, Sendable {
  /// The group's name.
  public var name: String
  /// The group's ID.
  public var gid: UInt32
  /// The user names listed as members (users whose primary group it is are not listed here).
  public var members: [String]

  public init(name: String, gid: UInt32, members: [String]) {
    self.name = name
    self.gid = gid
    self.members = members
  }
}

/// Group-database lookups for authorising control connections: "root, the daemon's own uid, and members
/// of a configured control group". The reentrant `_r` calls are used so that lookups from several threads
/// cannot overwrite each other's results.
public enum GroupMembership {
  /// The group called `name`, or `nil` when the database has no such group (`getgrnam_r`).
  public static func group(named name: String) throws(Errno) -> GroupRecord? {
    try withGrowingBuffer(initialSize: sysconf(CInt(_SC_GETGR_R_SIZE_MAX))) { (buffer) -> (CInt, GroupRecord?) in
      var entry = Glibc.group()
      var result: UnsafeMutablePointer<Glibc.group>? = nil
      let status = getgrnam_r(name, &entry, buffer.baseAddress!, buffer.count, &result)
      guard status == 0, let found = result else { return (status, nil) }
      return (0, record(from: found.pointee))
    }
  }

  /// The name of the user with ID `uid`, or `nil` when the database has no such user (`getpwuid_r`).
  public static func userName(of uid: UInt32) throws(Errno) -> String? {
    try withGrowingBuffer(initialSize: sysconf(CInt(_SC_GETPW_R_SIZE_MAX))) { (buffer) -> (CInt, String?) in
      var entry = passwd()
      var result: UnsafeMutablePointer<passwd>? = nil
      let status = getpwuid_r(uid, &entry, buffer.baseAddress!, buffer.count, &result)
      guard status == 0, let found = result else { return (status, nil) }
      return (0, String(cString: found.pointee.pw_name))
    }
  }

  /// Every group the user `userName` belongs to according to the database, `primaryGroup` first
  /// (`getgrouplist`). This is the set `initgroups` would give a new login of that user.
  public static func groups(ofUser userName: String, primaryGroup: UInt32) -> [UInt32] {
    var count: CInt = 32
    while true {
      var groups = [gid_t](repeating: 0, count: Int(count))
      let requested = count
      if getgrouplist(userName, primaryGroup, &groups, &count) >= 0 {
        return Array(groups.prefix(Int(count)))
      }
      // -1: `count` now holds the number needed (never smaller than before, grow anyway to be safe).
      count = max(count, requested * 2)
    }
  }

  /// Whether the user `uid` (with primary group `gid`) belongs to group `group`, by primary group or by
  /// the database's member lists. A uid without a name can only belong by its primary group.
  public static func isMember(uid: UInt32, gid: UInt32, of group: UInt32) throws(Errno) -> Bool {
    if gid == group { return true }
    guard let name = try userName(of: uid) else { return false }
    return groups(ofUser: name, primaryGroup: gid).contains(group)
  }

  private static func record(from entry: Glibc.group) -> GroupRecord {
    var members: [String] = []
    if var member = entry.gr_mem {
      while let name = member.pointee {
        members.append(String(cString: name))
        member += 1
      }
    }
    return GroupRecord(name: String(cString: entry.gr_name), gid: entry.gr_gid, members: members)
  }

  /// Calls a `get*_r` function with a scratch buffer, doubling it while the function answers `ERANGE`.
  /// `body` returns the function's status (0 or an errno value) and its result.
  private static func withGrowingBuffer<Value>(
    initialSize: Int,
    _ body: (UnsafeMutableBufferPointer<CChar>) -> (CInt, Value?)
  ) throws(Errno) -> Value? {
    var size = initialSize > 0 ? initialSize : 1024
    while true {
      let buffer = UnsafeMutableBufferPointer<CChar>.allocate(capacity: size)
      defer { buffer.deallocate() }
      let (status, value) = body(buffer)
      switch status {
      case 0: return value
      case ERANGE where size < 1 << 20: size *= 2
      case EINTR: continue
      default: throw Errno(rawValue: status)
      }
    }
  }
}
