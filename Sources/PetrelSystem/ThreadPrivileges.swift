/// Real, effective, saved and filesystem IDs, as the `Uid:` and `Gid:` lines of a status file list them.
public struct IDQuadruple: Hashable, Sendable, CustomStringConvertible {
  public var real: UInt32
  public var effective: UInt32
  public var saved: UInt32
  public var filesystem: UInt32

  public init(real: UInt32, effective: UInt32, saved: UInt32, filesystem: UInt32) {
    self.real = real
    self.effective = effective
    self.saved = saved
    self.filesystem = filesystem
  }

  /// All four equal to `id`.
  public init(all id: UInt32) { self.init(real: id, effective: id, saved: id, filesystem: id) }

  public var all: [UInt32] { [real, effective, saved, filesystem] }

  public var description: String { "real=\(real) effective=\(effective) saved=\(saved) fs=\(filesystem)" }
}

/// The `Seccomp:` line of a status file.
public enum SeccompMode: Int, Hashable, Sendable, CustomStringConvertible {
  case disabled = 0
  case strict = 1
  case filter = 2

  public var description: String {
    switch self {
    case .disabled: "disabled"
    case .strict: "strict"
    case .filter: "filter"
    }
  }
}

/// Why a status file could not be turned into `ThreadPrivileges`.
public enum PrivilegeReportError: Error, Hashable, Sendable, CustomStringConvertible {
  case missingField(String)
  case malformedField(String, String)
  case unreadable(String, String)

  public var description: String {
    switch self {
    case .missingField(let field): "status has no \(field): line"
    case .malformedField(let field, let value): "status field \(field) is malformed: \(value)"
    case .unreadable(let path, let reason): "cannot read \(path): \(reason)"
    }
  }
}

/// The privileges of one thread as the kernel reports them in `/proc/<pid>/task/<tid>/status`:
/// the evidence the daemon checks after dropping privileges and that `petrelctl privileges` prints.
public struct ThreadPrivileges: Hashable, Sendable {
  public var name: String
  public var threadID: Int32
  public var userIDs: IDQuadruple
  public var groupIDs: IDQuadruple
  public var supplementaryGroups: [UInt32]
  public var inheritable: CapabilitySet
  public var permitted: CapabilitySet
  public var effective: CapabilitySet
  public var bounding: CapabilitySet
  public var ambient: CapabilitySet
  public var noNewPrivileges: Bool
  public var seccompMode: SeccompMode
  /// Number of attached seccomp filters (`Seccomp_filters:`, Linux 5.9+; 0 when absent).
  public var seccompFilters: Int

  /// Parses the text of a status file.
  public init(parsingStatus text: String) throws(PrivilegeReportError) {
    var fields: [String: [Substring]] = [:]
    for line in text.split(separator: "\n") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let key = String(line[..<colon])
      fields[key] = line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" })
    }
    func values(_ key: String) throws(PrivilegeReportError) -> [Substring] {
      guard let value = fields[key] else { throw .missingField(key) }
      return value
    }
    func number<N: FixedWidthInteger>(_ key: String, _ text: Substring) throws(PrivilegeReportError) -> N {
      guard let value = N(text) else { throw .malformedField(key, String(text)) }
      return value
    }
    func ids(_ key: String) throws(PrivilegeReportError) -> IDQuadruple {
      let parts = try values(key)
      guard parts.count == 4 else { throw .malformedField(key, parts.joined(separator: " ")) }
      return IDQuadruple(
        real: try number(key, parts[0]), effective: try number(key, parts[1]), saved: try number(key, parts[2]),
        filesystem: try number(key, parts[3]))
    }
    func capabilities(_ key: String) throws(PrivilegeReportError) -> CapabilitySet {
      let parts = try values(key)
      guard parts.count == 1, let set = CapabilitySet(hexMask: parts[0]) else {
        throw .malformedField(key, parts.joined(separator: " "))
      }
      return set
    }
    func single<N: FixedWidthInteger>(_ key: String) throws(PrivilegeReportError) -> N {
      let parts = try values(key)
      guard parts.count == 1 else { throw .malformedField(key, parts.joined(separator: " ")) }
      return try number(key, parts[0])
    }

    name = fields["Name"]?.joined(separator: " ") ?? ""
    threadID = try single("Pid")
    userIDs = try ids("Uid")
    groupIDs = try ids("Gid")
    var groups: [UInt32] = []
    for part in try values("Groups") { groups.append(try number("Groups", part)) }
    supplementaryGroups = groups
    inheritable = try capabilities("CapInh")
    permitted = try capabilities("CapPrm")
    effective = try capabilities("CapEff")
    bounding = try capabilities("CapBnd")
    ambient = try capabilities("CapAmb")
    let noNewPrivs: Int = try single("NoNewPrivs")
    noNewPrivileges = noNewPrivs != 0
    let mode: Int = try single("Seccomp")
    guard let seccomp = SeccompMode(rawValue: mode) else { throw .malformedField("Seccomp", String(mode)) }
    seccompMode = seccomp
    seccompFilters = fields["Seccomp_filters"] == nil ? 0 : try single("Seccomp_filters")
  }

  /// The same privileges, ignoring which thread and its name.
  public func hasSamePrivileges(as other: ThreadPrivileges) -> Bool {
    var this = self
    this.name = other.name
    this.threadID = other.threadID
    return this == other
  }
}
