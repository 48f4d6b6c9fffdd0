import Glibc
import SystemPackage

/// What the running process holds, as the kernel reports it: `/proc/self/status` for the process and
/// `/proc/self/task/*/status` for each thread, plus the Landlock domain recorded when it was applied
/// (Landlock does not appear in the status files). The daemon checks and logs it after the privilege
/// plan; `petrelctl privileges` prints its `description`.
public struct PrivilegeReport: Hashable, Sendable, CustomStringConvertible {
  /// The thread-group leader, from `/proc/self/status`.
  public var process: ThreadPrivileges
  /// Every thread, from `/proc/self/task/*/status`, by thread ID.
  public var threads: [ThreadPrivileges]
  /// The Landlock domain in force, if one was applied.
  public var landlock: LandlockReport?

  public init(process: ThreadPrivileges, threads: [ThreadPrivileges], landlock: LandlockReport?) {
    self.process = process
    self.threads = threads
    self.landlock = landlock
  }

  /// Reads the status files of the calling process.
  public static func current(landlock: LandlockReport? = nil) throws(PrivilegeReportError) -> PrivilegeReport {
    let process = try ThreadPrivileges(parsingStatus: statusText("/proc/self/status"))
    var threads: [ThreadPrivileges] = []
    for threadID in try threadIDs() {
      // A thread may exit between listing and reading; it no longer holds anything.
      guard let text = try? KernelTextFile.read(FilePath("/proc/self/task/\(threadID)/status")) else { continue }
      threads.append(try ThreadPrivileges(parsingStatus: text))
    }
    return PrivilegeReport(process: process, threads: threads, landlock: landlock)
  }

  /// True when every thread holds exactly what the process does.
  public var threadsAgree: Bool { threads.allSatisfy { $0.hasSamePrivileges(as: process) } }

  /// Multi-line, one fact per line, as `petrelctl privileges` prints it.
  public var description: String {
    func ids(_ quadruple: IDQuadruple) -> String { quadruple.description }
    func caps(_ set: CapabilitySet) -> String { "\(set.hexMask) (\(set))" }
    let groups =
      process.supplementaryGroups.isEmpty ? "none" : process.supplementaryGroups.map(String.init).joined(separator: ",")
    let filters = process.seccompFilters == 1 ? "1 filter" : "\(process.seccompFilters) filters"
    let threadLine =
      threads.count <= 1 || threadsAgree
      ? "\(threads.count) (all alike)"
      : "\(threads.count) (differ: \(threads.filter { !$0.hasSamePrivileges(as: process) }.map(\.threadID)))"
    return [
      "uid:          \(ids(process.userIDs))",
      "gid:          \(ids(process.groupIDs))",
      "groups:       \(groups)",
      "effective:    \(caps(process.effective))",
      "permitted:    \(caps(process.permitted))",
      "inheritable:  \(caps(process.inheritable))",
      "bounding:     \(caps(process.bounding))",
      "ambient:      \(caps(process.ambient))",
      "no_new_privs: \(process.noNewPrivileges ? 1 : 0)",
      "seccomp:      \(process.seccompMode) (\(filters))",
      landlock.map { "landlock:     \($0.summary)" } ?? "landlock:     not recorded",
      "threads:      \(threadLine)",
    ].joined(separator: "\n")
  }

  private static func statusText(_ path: String) throws(PrivilegeReportError) -> String {
    do {
      return try KernelTextFile.read(FilePath(path))
    } catch {
      throw .unreadable(path, "\(error)")
    }
  }

  private static func threadIDs() throws(PrivilegeReportError) -> [Int32] {
    guard let directory = opendir("/proc/self/task") else {
      throw .unreadable("/proc/self/task", "\(Errno.ofLastCall)")
    }
    defer { closedir(directory) }
    var ids: [Int32] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if let id = Int32(name) { ids.append(id) }
    }
    return ids.sorted()
  }
}
