import CPetrelSystem
import Glibc
public import SystemPackage

/// A user from the password database, resolved before the switch so a name in the configuration
/// becomes the numbers setresuid/setresgid need.
public struct UserAccount: Hashable, Sendable {
  public var name: String
  public var userID: UInt32
  public var primaryGroupID: UInt32
}

/// A group from the group database, resolved for the same reason as `UserAccount`.
public struct GroupAccount: Hashable, Sendable {
  public var name: String
  public var groupID: UInt32
}

/// The three user or group IDs a process holds, as getresuid/getresgid return them.
public struct ResolvedIDs: Hashable, Sendable {
  public var real: UInt32
  public var effective: UInt32
  public var saved: UInt32
}

/// Why a user or group name did not resolve.
public enum AccountLookupError: Error, Hashable, Sendable, CustomStringConvertible {
  case noSuchUser(String)
  case noSuchGroup(String)
  case lookupFailed(String, Errno)

  public var description: String {
    switch self {
    case .noSuchUser(let name): "no user named \(name)"
    case .noSuchGroup(let name): "no group named \(name)"
    case .lookupFailed(let name, let error): "looking up \(name) failed: \(error)"
    }
  }
}

/// One attempt to become root again, and how the kernel answered.
public struct RootRegainAttempt: Hashable, Sendable, CustomStringConvertible {
  /// The call, as written: `setuid(0)`.
  public var call: String
  /// `nil` if the call succeeded (root regained); otherwise its error.
  public var error: Errno?

  public init(call: String, error: Errno?) {
    self.call = call
    self.error = error
  }

  /// Refused with `EPERM`, as it must be once root is gone.
  public var wasRefused: Bool { error == .notPermitted }

  public var description: String { "\(call): " + (error.map { "\($0)" } ?? "succeeded") }
}

/// Evidence that root cannot be regained: each way back was tried and refused with `EPERM`.
public struct RootRegainProof: Hashable, Sendable, CustomStringConvertible {
  public var attempts: [RootRegainAttempt]

  public init(attempts: [RootRegainAttempt]) { self.attempts = attempts }

  /// True only if every attempt was refused with `EPERM`.
  public var rootIsGone: Bool { !attempts.isEmpty && attempts.allSatisfy(\.wasRefused) }

  public var description: String { attempts.map(\.description).joined(separator: "; ") }
}

/// User and group identity: name lookup, supplementary groups and the setres*id switch,
/// using glibc's wrappers so the change reaches every thread.
public enum Credentials {
  /// getpwnam_r(3).
  public static func user(named name: String) throws(AccountLookupError) -> UserAccount {
    var entry = passwd()
    var found: UnsafeMutablePointer<passwd>? = nil
    var buffer = [CChar](repeating: 0, count: 16384)
    let result = getpwnam_r(name, &entry, &buffer, buffer.count, &found)
    guard result == 0 else { throw .lookupFailed(name, Errno(rawValue: result)) }
    guard found != nil else { throw .noSuchUser(name) }
    return UserAccount(name: name, userID: entry.pw_uid, primaryGroupID: entry.pw_gid)
  }

  /// getgrnam_r(3).
  public static func group(named name: String) throws(AccountLookupError) -> GroupAccount {
    var entry = Glibc.group()
    var found: UnsafeMutablePointer<Glibc.group>? = nil
    var buffer = [CChar](repeating: 0, count: 65536)
    let result = getgrnam_r(name, &entry, &buffer, buffer.count, &found)
    guard result == 0 else { throw .lookupFailed(name, Errno(rawValue: result)) }
    guard found != nil else { throw .noSuchGroup(name) }
    return GroupAccount(name: name, groupID: entry.gr_gid)
  }

  /// setgroups(2); `[]` removes every supplementary group.
  public static func setSupplementaryGroups(_ groups: [UInt32]) throws(Errno) {
    let result = groups.withUnsafeBufferPointer { petrel_setgroups($0.count, $0.baseAddress) }
    guard result == 0 else { throw Errno.ofLastCall }
  }

  /// getgroups(2).
  public static func supplementaryGroups() throws(Errno) -> [UInt32] {
    let count = getgroups(0, nil)
    guard count >= 0 else { throw Errno.ofLastCall }
    var groups = [gid_t](repeating: 0, count: Int(count))
    let filled = getgroups(count, &groups)
    guard filled >= 0 else { throw Errno.ofLastCall }
    return Array(groups.prefix(Int(filled)))
  }

  /// setresgid(2) with one group for all three IDs.
  public static func setGroupIDs(_ groupID: UInt32) throws(Errno) {
    guard petrel_setresgid(groupID, groupID, groupID) == 0 else { throw Errno.ofLastCall }
  }

  /// setresuid(2) with one user for all three IDs.
  public static func setUserIDs(_ userID: UInt32) throws(Errno) {
    guard petrel_setresuid(userID, userID, userID) == 0 else { throw Errno.ofLastCall }
  }

  /// getresuid(2).
  public static func userIDs() -> ResolvedIDs {
    var ids = (uid_t(0), uid_t(0), uid_t(0))
    _ = petrel_getresuid(&ids.0, &ids.1, &ids.2)
    return ResolvedIDs(real: ids.0, effective: ids.1, saved: ids.2)
  }

  /// getresgid(2).
  public static func groupIDs() -> ResolvedIDs {
    var ids = (gid_t(0), gid_t(0), gid_t(0))
    _ = petrel_getresgid(&ids.0, &ids.1, &ids.2)
    return ResolvedIDs(real: ids.0, effective: ids.1, saved: ids.2)
  }

  /// Tries `setuid(0)`, `setresuid(-1, 0, -1)` and `setgid(0)`; each must fail with `EPERM`.
  ///
  /// Only meaningful after the switch: called as root, the attempts succeed (and change nothing).
  public static func proveRootIsGone() -> RootRegainProof {
    func attempt(_ call: String, _ body: () -> Int32) -> RootRegainAttempt {
      RootRegainAttempt(call: call, error: body() == 0 ? nil : Errno.ofLastCall)
    }
    let unchanged = uid_t.max
    return RootRegainProof(attempts: [
      attempt("setuid(0)") { setuid(0) },
      attempt("setresuid(-1,0,-1)") { petrel_setresuid(unchanged, 0, unchanged) },
      attempt("setgid(0)") { setgid(0) },
    ])
  }
}
