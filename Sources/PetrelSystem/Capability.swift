public import SystemPackage

/// One Linux capability, by number, so that sets, names and the kernel's own numbering stay one thing.
///
/// Names follow capabilities(7) and libcap (`cap_net_bind_service`); numbers the kernel knows but this
/// table does not are named by their number, as `capsh --decode` does.
public struct Capability: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public let rawValue: Int32

  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// The capability with this libcap name (`cap_setpcap`, case-insensitive, `cap_` optional).
  public init?(name: String) {
    var lowered = name.lowercased()
    if !lowered.hasPrefix("cap_") { lowered = "cap_" + lowered }
    guard let index = Capability.names.firstIndex(of: lowered) else { return nil }
    self.rawValue = Int32(index)
  }

  /// The libcap name, or the number for capabilities newer than this table.
  public var name: String {
    rawValue >= 0 && Int(rawValue) < Capability.names.count ? Capability.names[Int(rawValue)] : String(rawValue)
  }

  public var description: String { name }

  public static func < (lhs: Capability, rhs: Capability) -> Bool { lhs.rawValue < rhs.rawValue }

  /// The highest capability the running kernel knows, from `/proc/sys/kernel/cap_last_cap`.
  public static func lastSupported() throws(Errno) -> Capability {
    let text = try KernelTextFile.read("/proc/sys/kernel/cap_last_cap")
    guard let number = Int32(KernelTextFile.trimmed(text)) else { throw Errno.invalidArgument }
    return Capability(rawValue: number)
  }

  /// Every capability the running kernel knows, 0 through `lastSupported()`.
  public static func allSupported() throws(Errno) -> [Capability] {
    let last = try lastSupported()
    return (0...last.rawValue).map(Capability.init(rawValue:))
  }

  /// Names indexed by capability number, from capabilities(7).
  public static let names: [String] = [
    "cap_chown", "cap_dac_override", "cap_dac_read_search", "cap_fowner", "cap_fsetid", "cap_kill",
    "cap_setgid", "cap_setuid", "cap_setpcap", "cap_linux_immutable", "cap_net_bind_service",
    "cap_net_broadcast", "cap_net_admin", "cap_net_raw", "cap_ipc_lock", "cap_ipc_owner", "cap_sys_module",
    "cap_sys_rawio", "cap_sys_chroot", "cap_sys_ptrace", "cap_sys_pacct", "cap_sys_admin", "cap_sys_boot",
    "cap_sys_nice", "cap_sys_resource", "cap_sys_time", "cap_sys_tty_config", "cap_mknod", "cap_lease",
    "cap_audit_write", "cap_audit_control", "cap_setfcap", "cap_mac_override", "cap_mac_admin", "cap_syslog",
    "cap_wake_alarm", "cap_block_suspend", "cap_audit_read", "cap_perfmon", "cap_bpf", "cap_checkpoint_restore",
  ]

  public static let chown = Capability(rawValue: 0)
  public static let dacOverride = Capability(rawValue: 1)
  public static let dacReadSearch = Capability(rawValue: 2)
  public static let fowner = Capability(rawValue: 3)
  public static let fsetid = Capability(rawValue: 4)
  public static let kill = Capability(rawValue: 5)
  public static let setgid = Capability(rawValue: 6)
  public static let setuid = Capability(rawValue: 7)
  public static let setpcap = Capability(rawValue: 8)
  public static let linuxImmutable = Capability(rawValue: 9)
  public static let netBindService = Capability(rawValue: 10)
  public static let netBroadcast = Capability(rawValue: 11)
  public static let netAdmin = Capability(rawValue: 12)
  public static let netRaw = Capability(rawValue: 13)
  public static let ipcLock = Capability(rawValue: 14)
  public static let ipcOwner = Capability(rawValue: 15)
  public static let sysModule = Capability(rawValue: 16)
  public static let sysRawio = Capability(rawValue: 17)
  public static let sysChroot = Capability(rawValue: 18)
  public static let sysPtrace = Capability(rawValue: 19)
  public static let sysPacct = Capability(rawValue: 20)
  public static let sysAdmin = Capability(rawValue: 21)
  public static let sysBoot = Capability(rawValue: 22)
  public static let sysNice = Capability(rawValue: 23)
  public static let sysResource = Capability(rawValue: 24)
  public static let sysTime = Capability(rawValue: 25)
  public static let sysTtyConfig = Capability(rawValue: 26)
  public static let mknod = Capability(rawValue: 27)
  public static let lease = Capability(rawValue: 28)
  public static let auditWrite = Capability(rawValue: 29)
  public static let auditControl = Capability(rawValue: 30)
  public static let setfcap = Capability(rawValue: 31)
  public static let macOverride = Capability(rawValue: 32)
  public static let macAdmin = Capability(rawValue: 33)
  public static let syslog = Capability(rawValue: 34)
  public static let wakeAlarm = Capability(rawValue: 35)
  public static let blockSuspend = Capability(rawValue: 36)
  public static let auditRead = Capability(rawValue: 37)
  public static let perfmon = Capability(rawValue: 38)
  public static let bpf = Capability(rawValue: 39)
  public static let checkpointRestore = Capability(rawValue: 40)
}
