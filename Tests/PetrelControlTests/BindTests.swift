import Foundation
import Glibc
import PetrelControl
import SystemPackage
import Testing

@Suite struct BindTests {
  @Test(arguments: [0o600, 0o660, 0o666] as [UInt32])
  func theSocketGetsExactlyTheModeAskedFor(mode: UInt32) throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("control.sock")
    let socket = try ControlServer.bind(path: path, mode: FilePermissions(rawValue: mode))
    defer { socket.close() }
    var status = stat()
    #expect(lstat(path, &status) == 0)
    #expect(status.st_mode & S_IFMT == S_IFSOCK)
    #expect(status.st_mode & 0o7777 == mode)
    #expect(try socket.descriptor.socketInfo().isListening)
  }

  @Test(.enabled(if: runningAsRoot, "chown to another group needs root"))
  func theSocketBelongsToTheControlGroup() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("control.sock")
    let socket = try ControlServer.bind(path: path, group: 4242)
    defer { socket.close() }
    var status = stat()
    #expect(lstat(path, &status) == 0)
    #expect(status.st_gid == 4242 && status.st_uid == getuid())
    #expect(status.st_mode & 0o7777 == 0o660)
  }

  @Test func aStaleSocketIsReplaced() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("control.sock")
    let stale = try ControlServer.bind(path: path)
    _ = Glibc.close(stale.descriptor.rawValue)  // the daemon died without removing its file
    #expect(access(path, F_OK) == 0)

    let socket = try ControlServer.bind(path: path)
    let server = ControlServer(socket: socket, handler: ClosureHandler(), logger: LogCapture().logger)
    try server.start()
    defer { server.stop() }
    #expect(try ControlClient(socketPath: path).send(ControlRequest(.ping)).status == .ok)
  }

  @Test func aLiveSocketIsNotTaken() throws {
    let server = try TestServer()
    #expect(throws: ControlBindError.inUse(server.socketPath)) { try ControlServer.bind(path: server.socketPath) }
    #expect(try server.client().send(ControlRequest(.ping)).status == .ok)
    #expect(server.logs.contains("closed the connection without sending a request"))
  }

  @Test func otherFilesAreLeftAlone() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("control.sock")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("precious".utf8)))
    #expect(throws: ControlBindError.notASocket(path)) { try ControlServer.bind(path: path) }
    #expect(contents(of: path) == "precious")
  }

  @Test func impossiblePathsAreRefused() throws {
    let long = "/tmp/" + String(repeating: "x", count: 200)
    #expect(throws: ControlBindError.invalidPath(long)) { try ControlServer.bind(path: long) }
    #expect(throws: ControlBindError.invalidPath("")) { try ControlServer.bind(path: "") }
    #expect(throws: ControlBindError.self) { try ControlServer.bind(path: "/nonexistent-petrel-dir/control.sock") }
  }

  @Test func closeRemovesOnlyItsOwnFile() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("control.sock")
    let socket = try ControlServer.bind(path: path)
    // Someone replaced the file (a newer daemon, an operator): it is not ours to remove any more.
    #expect(FileManager.default.createFile(atPath: directory.file("other"), contents: Data("new".utf8)))
    #expect(rename(directory.file("other"), path) == 0)
    #expect(!socket.close())
    #expect(contents(of: path) == "new")
    #expect(!socket.close())
  }
}
