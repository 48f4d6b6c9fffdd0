// petrel-sandbox-probe: test-only. Applies a PrivilegePlan (becoming `nobody` when started as root),
// then tries what the sandbox must refuse, one line per attempt, and prints the resulting report.
// Exit status: 0 only if every attempt was refused; 1 if one was not; 2 usage; 3 if the plan failed.
//
// Usage: petrel-sandbox-probe --writable-file PATH --mount-point DIR [--sandbox landlock,seccomp]
//   PATH: an existing file anyone may write (so only the sandbox can refuse it)
//   DIR:  an empty scratch directory to try mounting a tmpfs on
//   --sandbox: the layers to apply (default both), to test one layer on its own

import CPetrelSystem
import Glibc
import PetrelSystem
import SystemPackage

func argument(_ flag: String) -> String? {
  let arguments = CommandLine.arguments
  guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}

func errnoName(_ code: Int32) -> String {
  let names: [Int32: String] = [
    EPERM: "EPERM", EACCES: "EACCES", ENOENT: "ENOENT", EEXIST: "EEXIST", ECONNREFUSED: "ECONNREFUSED",
    ENOSYS: "ENOSYS", EINVAL: "EINVAL", EBUSY: "EBUSY", ESRCH: "ESRCH", EROFS: "EROFS", ENETUNREACH: "ENETUNREACH",
  ]
  return names[code] ?? "errno \(code)"
}

/// Runs one attempt: `body` returns 0 when the operation succeeded, or the errno it failed with.
func attempt(_ name: String, _ body: () -> Int32) -> Bool {
  let code = body()
  let refused = code == EPERM || code == EACCES
  let verdict: String
  if code == 0 {
    verdict = "ALLOWED"
  } else if refused {
    verdict = "refused \(errnoName(code))"
  } else {
    verdict = "failed \(errnoName(code)) (not refused by the sandbox)"
  }
  print("\(name): \(verdict)")
  return refused
}

func createFileInTmp() -> Int32 {
  let path = FilePath("/tmp/petrel-sandbox-probe-\(getpid())")
  do {
    let descriptor = try FileDescriptor.open(
      path, .writeOnly, options: [.create, .exclusiveCreate], permissions: .ownerReadWrite)
    try? descriptor.close()
    return 0
  } catch {
    return (error as? Errno)?.rawValue ?? EINVAL
  }
}

func openForWriting(_ path: String) -> Int32 {
  do {
    let descriptor = try FileDescriptor.open(FilePath(path), .writeOnly)
    try? descriptor.close()
    return 0
  } catch {
    return (error as? Errno)?.rawValue ?? EINVAL
  }
}

func spawnTrue() -> Int32 {
  var child: pid_t = 0
  let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/true"), nil]
  defer { argv.forEach { free($0) } }
  let result = posix_spawn(&child, "/bin/true", nil, nil, argv, environ)
  if result == 0 {
    var status: Int32 = 0
    waitpid(child, &status, 0)
  }
  return result
}

func ptraceParent() -> Int32 {
  petrel_ptrace_attach(getppid()) == 0 ? 0 : errno
}

func mountTmpfs(on directory: String) -> Int32 {
  mount("petrel-probe", directory, "tmpfs", 0, nil) == 0 ? 0 : errno
}

func connectTCP(port: UInt16) -> Int32 {
  let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard socketDescriptor >= 0 else { return errno }
  defer { close(socketDescriptor) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = port.bigEndian
  address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
  let result = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  return result == 0 ? 0 : errno
}

guard let writableFile = argument("--writable-file"), let mountPoint = argument("--mount-point") else {
  print("usage: petrel-sandbox-probe --writable-file PATH --mount-point DIR")
  exit(2)
}

var sandbox: SandboxLayers = [.landlock, .seccomp]
if let layers = argument("--sandbox") {
  sandbox = []
  for layer in layers.split(separator: ",") {
    switch layer {
    case "landlock": sandbox.insert(.landlock)
    case "seccomp": sandbox.insert(.seccomp)
    default:
      print("unknown sandbox layer \(layer)")
      exit(2)
    }
  }
}

let plan = PrivilegePlan(
  user: "nobody", group: "nogroup", sandbox: sandbox, tcpConnectPorts: [53, 853],
  tcpBindPorts: [], requiredLandlockLayers: [.filesystem, .network])
let outcome: PrivilegeOutcome
do {
  outcome = try plan.apply()
} catch {
  print("plan: \(error)")
  exit(3)
}
print("plan: \(outcome)")

let results = [
  attempt("create-file", createFileInTmp),
  attempt("open-for-writing") { openForWriting(writableFile) },
  attempt("exec", spawnTrue),
  attempt("ptrace-parent", ptraceParent),
  attempt("mount-tmpfs") { mountTmpfs(on: mountPoint) },
  attempt("connect-tcp-80") { connectTCP(port: 80) },
]

print("report:")
print(outcome.report)
print("status:")
print((try? KernelTextFile.read("/proc/self/status")) ?? "unreadable")
exit(results.allSatisfy { $0 } ? 0 : 1)
