import Foundation
import Testing

/// The shipped units' `SystemCallFilter=` must let petreld make the calls its own privilege drop needs;
/// otherwise systemd's filter answers them with EPERM and the daemon refuses to start. (systemd 252's
/// `@system-service` has neither Landlock nor seccomp, and `~@privileged` removes capset.)
@Suite("System calls the units allow")
struct UnitSystemCallFilterTests {
  static let unitDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("dist/systemd").path

  static let analyzer = Environment.tool("systemd-analyze")

  /// What petreld calls after exec as the unit's unprivileged user, in the privilege plan (capget, prctl for
  /// the bounding and ambient sets and no_new_privs, capset when it holds a capability) and at run time.
  static let sandboxCalls = [
    "capget", "prctl", "seccomp", "landlock_create_ruleset", "landlock_add_rule", "landlock_restrict_self",
    "memfd_create", "epoll_wait", "eventfd2", "timerfd_create", "recvmmsg", "sendmmsg", "sendmsg", "clone3",
  ]

  @Test(
    "every call petreld's own sandboxing makes is allowed",
    .enabled(if: analyzer != nil, "systemd-analyze is not installed"),
    arguments: [("petreld.service", true), ("petreld-socket.service", false)])
  func unitAllowsPetreldsCalls(unit: String, holdsCapability: Bool) throws {
    let groups = try Self.groups()
    let text = try String(contentsOfFile: "\(Self.unitDirectory)/\(unit)", encoding: .utf8)
    let allowed = try #require(Self.allowList(unit: text, groups: groups), "\(unit) has no allow list")
    let needed = Self.sandboxCalls + (holdsCapability ? ["capset"] : [])
    #expect(needed.filter { !allowed.contains($0) } == [], "\(unit) forbids calls petreld makes")
    // Letting those back in must not let back what `~@privileged` and the other groups took away. (execve
    // stays in the unit's list: systemd needs it to start the daemon; petreld's own filter refuses it.)
    let reopened = ["ptrace", "mount", "setuid", "setresuid", "setgroups", "chroot", "bpf", "init_module"].filter {
      allowed.contains($0)
    }
    #expect(reopened == [], "\(unit) allows \(reopened)")
  }

  /// The system calls a unit's `SystemCallFilter=` lines allow, applied in order as systemd applies them
  /// (the first line sets allow-list mode; later lines add or, with `~`, remove).
  static func allowList(unit: String, groups: [String: [String]]) -> Set<String>? {
    var allowed: Set<String>? = nil
    for line in unit.split(separator: "\n") where line.hasPrefix("SystemCallFilter=") {
      var value = line.dropFirst("SystemCallFilter=".count)
      let remove = value.hasPrefix("~")
      if remove { value = value.dropFirst() }
      var names: Set<String> = []
      for item in value.split(separator: " ") { names.formUnion(expand(String(item), groups: groups)) }
      if allowed == nil {
        if remove { return nil }
        allowed = []
      }
      if remove { allowed?.subtract(names) } else { allowed?.formUnion(names) }
    }
    return allowed
  }

  static func expand(_ item: String, groups: [String: [String]], seen: Set<String> = []) -> Set<String> {
    guard item.hasPrefix("@") else { return [item] }
    var result: Set<String> = []
    for member in groups[item] ?? [] where !seen.contains(member) {
      result.formUnion(expand(member, groups: groups, seen: seen.union([item])))
    }
    return result
  }

  /// `systemd-analyze syscall-filter`: every group and its members, as this systemd defines them.
  static func groups() throws -> [String: [String]] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: analyzer ?? "/usr/bin/systemd-analyze")
    process.arguments = ["syscall-filter"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    var groups: [String: [String]] = [:]
    var current: String? = nil
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      if line.hasPrefix("@") {
        current = String(line)
        groups[String(line), default: []] = []
      } else if let current {
        let item = line.trimmingCharacters(in: .whitespaces)
        if !item.isEmpty && !item.hasPrefix("#") { groups[current, default: []].append(item) }
      }
    }
    return groups
  }
}
