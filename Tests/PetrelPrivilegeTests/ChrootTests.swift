import Glibc
import PetrelSystem
import Testing

/// `--chroot`: the daemon reads everything before it, lives inside it afterwards, and refuses a directory in
/// which it could not check its own privileges.
@Suite("petreld in a chroot")
struct ChrootTests {
  @Test(
    "with proc mounted inside: serves from the chroot, holding nothing, and warns that a reload cannot read the files",
    .enabled(if: Environment.canRunDaemon, Comment(rawValue: Environment.daemonUnavailability ?? "")))
  func servesInsideTheChroot() throws {
    let scratch = try Scratch("chroot")
    defer { scratch.remove() }
    let root = scratch.path("root")
    try #require(mkdir(root, 0o755) == 0 && mkdir("\(root)/proc", 0o555) == 0)
    // A bind mount of /proc (mount -t proc would do as well); the test process needs CAP_SYS_ADMIN for it.
    guard mount("/proc", "\(root)/proc", nil, UInt(MS_BIND), nil) == 0 else {
      let reason = String(cString: strerror(errno))
      Issue.record("cannot bind-mount /proc into the chroot: \(reason)")
      return
    }
    defer { umount2("\(root)/proc", CInt(MNT_DETACH)) }
    let configuration = try TestConfiguration.write(in: scratch, listen: "127.53.250.20")
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration, "--chroot", root], answeringOn: "127.53.250.20", scratch: scratch)
    defer { daemon.stop() }
    try daemon.requireRunning()

    #expect(
      try DNSQuery(address: "127.53.250.20").addresses("www.\(TestZones.local)", over: .udp)
        == [TestZones.localAddress])
    var target = [UInt8](repeating: 0, count: 4096)
    let length = target.withUnsafeMutableBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { readlink("/proc/\(daemon.pid)/root", $0.baseAddress!, $0.count) }
    }
    #expect(length > 0 && String(decoding: target.prefix(max(0, length)), as: UTF8.self) == root)
    let nobody = try Credentials.user(named: "nobody")
    let differences = droppedPrivilegeDifferences(
      try ThreadStatus.all(of: daemon.pid), user: nobody.userID, group: nobody.primaryGroupID)
    #expect(differences.isEmpty, "\(differences)")
    #expect(
      daemon.output.contains(
        "warning: a reload will not be able to read \(configuration) now that privileges are dropped: "
          + "No such file or directory"), "\(daemon.output)")
    #expect(daemon.stop() == .exited(0), "\(daemon.output)")
  }

  @Test(
    "a chroot without proc is refused before anything is dropped",
    .enabled(if: Environment.canRunDaemon, Comment(rawValue: Environment.daemonUnavailability ?? "")))
  func chrootWithoutProcIsRefused() throws {
    let scratch = try Scratch("chroot-bare")
    defer { scratch.remove() }
    let root = scratch.path("root")
    try #require(mkdir(root, 0o755) == 0)
    let configuration = try TestConfiguration.write(in: scratch, listen: "127.53.250.21")
    let daemon = try DaemonProcess.petreld(
      ["--config", configuration, "--chroot", root], answeringOn: nil, scratch: scratch)
    #expect(daemon.waitForExit() == .exited(1), "\(daemon.output)")
    #expect(
      daemon.output.contains("critical: refusing to start: chroot \(root) has no proc: mount one at \(root)/proc"),
      "\(daemon.output)")
    #expect(!daemon.output.contains("privileges dropped"))
  }
}
