// petrel-control-probe: test-only. Plays the daemon's part of the control channel as petreld will: binds
// the control socket while still root, applies the full privilege plan (nobody, no capabilities, Landlock,
// seccomp), proves it can no longer open a file for writing, then serves control requests until `quit`.
// The test drives it with petrelctl: a dump lands in a file the client opened.
//
// Usage: petrel-control-probe --socket PATH --writable-file PATH
// Exit status: 0 after `quit`; 1 if the sandbox let it open a file for writing; 2 usage; 3 set-up failed.

import Dispatch
import Glibc
import Logging
import PetrelControl
import PetrelSystem
import SystemPackage

func argument(_ flag: String) -> String? {
  let arguments = CommandLine.arguments
  guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
  return arguments[index + 1]
}

/// The commands the probe answers: enough to show descriptors flowing both ways through the sandbox.
struct ProbeHandler: ControlCommandHandler {
  let quit: DispatchSemaphore

  func handle(_ request: ControlRequest, descriptors: [FileDescriptor], progress: ControlProgressReporter)
    async throws -> ControlResponse
  {
    switch request.command {
    case .ping:
      return .ok("pong", fields: ["uid": .count(geteuid())])
    case .dumpCache:
      var writer = try DescriptorWriter(descriptors[0], progress: progress)
      for index in 0..<10_000 { try writer.write(record: "record \(index)\n") }
      try writer.finish()
      return .ok("dumped", fields: writer.progressFields)
    case .loadCache:
      var reader = try DescriptorReader(descriptors[0], progress: progress)
      var lines = 0
      while case let chunk = try reader.read(), !chunk.isEmpty { lines += chunk.count { $0 == 10 } }
      return .ok("loaded", fields: ["bytes": .count(reader.bytesRead), "lines": .count(lines)])
    case .quit:
      quit.signal()
      return .ok("bye")
    default:
      return .refused("\(request.command) is not implemented by the probe")
    }
  }
}

guard let socketPath = argument("--socket"), let writableFile = argument("--writable-file") else {
  print("usage: petrel-control-probe --socket PATH --writable-file PATH")
  exit(2)
}

// Phase 1, as root: the socket file is created now, while the runtime directory is still writable.
let socket: BoundControlSocket
do {
  socket = try ControlServer.bind(path: socketPath, mode: FilePermissions(rawValue: 0o666))
} catch {
  print("bind: \(error)")
  exit(3)
}

// Phases 3 to 6: nobody, no capabilities, no new privileges, Landlock and seccomp; before any thread.
let plan = PrivilegePlan(user: "nobody", group: "nogroup", requiredLandlockLayers: .filesystem)
do {
  _ = try plan.apply()
} catch {
  print("plan: \(error)")
  exit(3)
}
do {
  let descriptor = try FileDescriptor.open(writableFile, .writeOnly)
  try? descriptor.close()
  print("open-for-writing: ALLOWED")
  exit(1)
} catch {
  print("open-for-writing: refused \(error)")
}

// Phase 7: serve. Root (the test's petrelctl) may connect; the probe's own user is nobody now.
var logger = Logger(label: "petrel.control.probe")
logger.logLevel = .warning
let quit = DispatchSemaphore(value: 0)
let server = ControlServer(socket: socket, handler: ProbeHandler(quit: quit), logger: logger)
do {
  try server.start()
} catch {
  print("start: \(error)")
  exit(3)
}
print("serving as uid \(geteuid())")
quit.wait()
server.stop()
print("stopped")
exit(0)
