import Glibc
import PetrelSystem

/// The user and group a daemon started as root becomes, decided from `privileges.user` and
/// `privileges.group` (or `--user`, `--group`) before the switch.
///
/// A daemon started as root must not stay root, so when no user is configured it becomes `nobody` — which
/// works everywhere but shares its account with every other careless service; the daemon says so loudly. A
/// missing group means the user's primary group (`nogroup` for `nobody` on Debian). Names or numeric IDs are
/// accepted; both must exist in the account databases, since they are resolved before any chroot hides them.
public struct DropAccount: Hashable, Sendable, CustomStringConvertible {
  /// The account used when none is configured.
  public static let defaultUser = "nobody"

  public var user: String
  public var group: String
  /// Neither a user nor a group was configured: `nobody` and its primary group were chosen.
  public var isDefault: Bool

  /// Why the configured account cannot be used.
  public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// Resolves the configured `user` and `group` (names or numeric IDs; nil when not configured).
  public init(user: String?, group: String?) throws(Failure) {
    let userName = try Self.userName(user ?? Self.defaultUser)
    let account: UserAccount
    do {
      account = try Credentials.user(named: userName)
    } catch {
      throw Failure(description: "privileges.user: \(error)")
    }
    let groupName: String
    if let group {
      groupName = try Self.groupName(group)
      do {
        _ = try Credentials.group(named: groupName)
      } catch {
        throw Failure(description: "privileges.group: \(error)")
      }
    } else {
      guard let name = Self.groupName(id: account.primaryGroupID) else {
        throw Failure(
          description: "privileges.user \(userName): its primary group \(account.primaryGroupID) has no name")
      }
      groupName = name
    }
    self.user = userName
    self.group = groupName
    self.isDefault = user == nil && group == nil
  }

  /// `nobody/nogroup`.
  public var description: String { "\(user)/\(group)" }

  /// A user name as given, or the name of a numeric user ID.
  private static func userName(_ text: String) throws(Failure) -> String {
    guard let id = UInt32(text) else { return text }
    var entry = passwd()
    var found: UnsafeMutablePointer<passwd>? = nil
    var buffer = [CChar](repeating: 0, count: 16384)
    let result = getpwuid_r(id, &entry, &buffer, buffer.count, &found)
    guard result == 0, found != nil, let name = entry.pw_name else {
      throw Failure(description: "privileges.user: no user with ID \(id)")
    }
    return String(cString: name)
  }

  /// A group name as given, or the name of a numeric group ID.
  private static func groupName(_ text: String) throws(Failure) -> String {
    guard let id = UInt32(text) else { return text }
    guard let name = groupName(id: id) else { throw Failure(description: "privileges.group: no group with ID \(id)") }
    return name
  }

  private static func groupName(id: UInt32) -> String? {
    var entry = Glibc.group()
    var found: UnsafeMutablePointer<Glibc.group>? = nil
    var buffer = [CChar](repeating: 0, count: 65536)
    let result = getgrgid_r(id, &entry, &buffer, buffer.count, &found)
    guard result == 0, found != nil, let name = entry.gr_name else { return nil }
    return String(cString: name)
  }
}
