import Glibc
import PetrelSystem
import SystemPackage

/// Every thread of a running process as the kernel reports it in `/proc/<pid>/task/*/status`, read from
/// outside the process: what an operator's `grep ^Cap /proc/$(pidof petreld)/task/*/status` shows.
enum ThreadStatus {
  static func all(of pid: Int32) throws -> [ThreadPrivileges] {
    var threads: [ThreadPrivileges] = []
    for task in try taskIDs(of: pid) {
      // A thread may end between listing and reading.
      guard let text = try? KernelTextFile.read(FilePath("/proc/\(pid)/task/\(task)/status")) else { continue }
      threads.append(try ThreadPrivileges(parsingStatus: text))
    }
    return threads
  }

  /// The bounding set of the calling process (what a child started without changing it inherits).
  static func ownBoundingSet() throws -> CapabilitySet {
    try ThreadPrivileges(parsingStatus: KernelTextFile.read(FilePath("/proc/self/status"))).bounding
  }

  private static func taskIDs(of pid: Int32) throws -> [Int32] {
    guard let directory = opendir("/proc/\(pid)/task") else { throw Errno(rawValue: errno) }
    defer { closedir(directory) }
    var ids: [Int32] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      if let id = Int32(name) { ids.append(id) }
    }
    return ids.sorted()
  }
}

/// What every thread of a fully dropped daemon must show; returns one line per difference.
func droppedPrivilegeDifferences(
  _ threads: [ThreadPrivileges], user: UInt32, group: UInt32, bounding: CapabilitySet = [], seccomp: Bool = true
) -> [String] {
  var differences: [String] = []
  if threads.isEmpty { differences.append("no threads read") }
  for thread in threads {
    func expect(_ holds: Bool, _ what: String) {
      if !holds { differences.append("thread \(thread.threadID) (\(thread.name)): \(what)") }
    }
    expect(thread.userIDs == IDQuadruple(all: user), "Uid \(thread.userIDs), expected all \(user)")
    expect(thread.groupIDs == IDQuadruple(all: group), "Gid \(thread.groupIDs), expected all \(group)")
    expect(thread.supplementaryGroups.isEmpty, "Groups \(thread.supplementaryGroups), expected none")
    expect(thread.inheritable.isEmpty, "CapInh \(thread.inheritable.hexMask)")
    expect(thread.permitted.isEmpty, "CapPrm \(thread.permitted.hexMask)")
    expect(thread.effective.isEmpty, "CapEff \(thread.effective.hexMask)")
    expect(thread.ambient.isEmpty, "CapAmb \(thread.ambient.hexMask)")
    expect(thread.bounding == bounding, "CapBnd \(thread.bounding.hexMask), expected \(bounding.hexMask)")
    expect(thread.noNewPrivileges, "NoNewPrivs 0")
    expect(thread.seccompMode == (seccomp ? .filter : .disabled), "Seccomp \(thread.seccompMode.rawValue)")
  }
  return differences
}
