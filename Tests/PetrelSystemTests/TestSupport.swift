import Glibc
import SystemPackage

/// The identity of an open file (device and inode), to recognise the same pipe or socket behind
/// different descriptor numbers.
struct FileIdentity: Hashable {
  var device: UInt64
  var inode: UInt64

  init(of descriptor: FileDescriptor) {
    var status = stat()
    precondition(fstat(descriptor.rawValue, &status) == 0, "fstat failed: \(Errno(rawValue: errno))")
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
  }
}

/// The entries of /proc/self/fd that refer to `identity`: a leak check that other tests running in
/// parallel cannot disturb, because only descriptors of this test's own file are counted.
func openDescriptors(referringTo identity: FileIdentity) -> [CInt] {
  guard let directory = opendir("/proc/self/fd") else { return [] }
  defer { closedir(directory) }
  let directoryDescriptor = dirfd(directory)
  var found: [CInt] = []
  while let entry = readdir(directory) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
      String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }
    guard let number = CInt(name), number != directoryDescriptor else { continue }
    var status = stat()
    guard fstat(number, &status) == 0 else { continue }
    if UInt64(status.st_dev) == identity.device && UInt64(status.st_ino) == identity.inode {
      found.append(number)
    }
  }
  return found
}

/// Whether `descriptor` has FD_CLOEXEC set.
func isCloseOnExec(_ descriptor: FileDescriptor) -> Bool {
  let flags = fcntl(descriptor.rawValue, F_GETFD)
  precondition(flags >= 0, "fcntl failed: \(Errno(rawValue: errno))")
  return flags & FD_CLOEXEC != 0
}

/// Whether `descriptor` is open in this process.
func isOpen(_ descriptor: FileDescriptor) -> Bool {
  fcntl(descriptor.rawValue, F_GETFD) >= 0
}

/// Reads exactly `count` bytes (a pipe may return them in pieces).
func readExactly(_ count: Int, from descriptor: FileDescriptor) throws -> [UInt8] {
  var bytes: [UInt8] = []
  while bytes.count < count {
    var chunk = [UInt8](repeating: 0, count: count - bytes.count)
    let got = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
    if got == 0 { break }
    bytes += chunk.prefix(got)
  }
  return bytes
}

/// Closes every descriptor, ignoring errors (test clean-up).
func closeAll(_ descriptors: [FileDescriptor]) {
  for descriptor in descriptors { _ = try? descriptor.close() }
}

/// A name no other test run uses at the same time, for socket paths and abstract names.
func uniqueName(_ label: String) -> String {
  "petrel-test-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
}

/// A datagram AF_UNIX socket bound to `path`, or to the abstract name `abstractName`.
func boundDatagramSocket(path: String? = nil, abstractName: String? = nil) throws -> FileDescriptor {
  let raw = socket(AF_UNIX, CInt(SOCK_DGRAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
  guard raw >= 0 else { throw Errno(rawValue: errno) }
  var address = sockaddr_un()
  address.sun_family = sa_family_t(AF_UNIX)
  let nameBytes: [UInt8] = path.map { Array($0.utf8) } ?? [0] + Array(abstractName!.utf8)
  withUnsafeMutableBytes(of: &address.sun_path) { buffer in
    for (index, byte) in nameBytes.enumerated() { buffer[index] = byte }
  }
  let length = socklen_t(MemoryLayout<sa_family_t>.size + nameBytes.count + (path == nil ? 0 : 1))
  let result = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(raw, $0, length) }
  }
  guard result == 0 else {
    let error = Errno(rawValue: errno)
    _ = Glibc.close(raw)
    throw error
  }
  return FileDescriptor(rawValue: raw)
}

/// An IP socket bound to `address` (port 0: the kernel picks one), listening when `listen` is set.
func boundInternetSocket(ipv6: Bool, type: CInt, listen shouldListen: Bool) throws -> FileDescriptor {
  let raw = socket(ipv6 ? AF_INET6 : AF_INET, type | CInt(SOCK_CLOEXEC.rawValue), 0)
  guard raw >= 0 else { throw Errno(rawValue: errno) }
  let result: CInt
  if ipv6 {
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(raw, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
      }
    }
  } else {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = in_addr_t(0x7f00_0001).bigEndian
    result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(raw, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
  }
  guard result == 0, !shouldListen || listen(raw, 8) == 0 else {
    let error = Errno(rawValue: errno)
    _ = Glibc.close(raw)
    throw error
  }
  return FileDescriptor(rawValue: raw)
}

/// Starts `/bin/sleep 30` with `standardInput` as its descriptor 0, returns its PID. The child gets an
/// empty signal mask and default dispositions, whatever the test runner's thread had blocked or ignored.
func spawnSleep(standardInput: FileDescriptor) throws -> pid_t {
  var attributes = posix_spawnattr_t()
  posix_spawnattr_init(&attributes)
  defer { posix_spawnattr_destroy(&attributes) }
  var noSignals = sigset_t()
  sigemptyset(&noSignals)
  var defaultSignals = sigset_t()
  sigfillset(&defaultSignals)
  posix_spawnattr_setsigmask(&attributes, &noSignals)
  posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
  posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_adddup2(&actions, standardInput.rawValue, 0)
  let arguments: [UnsafeMutablePointer<CChar>?] = ["/bin/sleep", "30"].map { (argument: String) in strdup(argument) }
  defer { arguments.forEach { free($0) } }
  var argv = arguments + [nil]
  var pid: pid_t = 0
  let status = posix_spawn(&pid, "/bin/sleep", &actions, &attributes, &argv, environ)
  guard status == 0 else { throw Errno(rawValue: status) }
  return pid
}

/// Reaps `pid` and returns the signal that ended it, or nil when it exited normally.
func reap(_ pid: pid_t) -> CInt? {
  var status: CInt = 0
  while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  let signal = status & 0x7f
  return signal == 0 ? nil : signal
}
