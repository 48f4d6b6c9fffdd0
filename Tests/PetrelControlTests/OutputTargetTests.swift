import Foundation
import Glibc
import PetrelControl
import SystemPackage
import Testing

/// The process's umask, read from /proc (asking `umask(2)` would change it for every thread).
func currentUmask() -> mode_t {
  let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
  let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") } ?? "Umask:\t0022"
  return mode_t(line.split(separator: "\t").last.map(String.init) ?? "0022", radix: 8) ?? 0o022
}

@Suite struct OutputTargetTests {
  @Test func aNewFileIsCreatedUnderTheUmask() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("new.txt")
    let opened = try OutputTarget(path).open()
    defer { opened.close() }
    #expect(opened.createdPath == path)
    var status = stat()
    #expect(fstat(opened.descriptor.rawValue, &status) == 0)
    #expect(status.st_mode & 0o777 == 0o666 & ~currentUmask())
    #expect(status.st_uid == getuid())
    #expect(fcntl(opened.descriptor.rawValue, F_GETFD) & FD_CLOEXEC != 0)
    #expect(try DescriptorAccessMode(of: opened.descriptor) == .writeOnly)
  }

  @Test func anExistingFileIsKeptUnlessForced() throws {
    let directory = try TemporaryDirectory()
    let path = directory.file("existing.txt")
    #expect(FileManager.default.createFile(atPath: path, contents: Data("keep me".utf8)))
    #expect(throws: ControlFileError.exists(path)) { try OutputTarget(path).open() }
    #expect(contents(of: path) == "keep me")

    let forced = try OutputTarget(path).open(overwrite: true)
    #expect(forced.createdPath == nil)
    #expect(contents(of: path) == "")
    forced.close()
  }

  @Test func aPlantedSymbolicLinkIsNotFollowed() throws {
    let directory = try TemporaryDirectory()
    let target = directory.file("target")
    #expect(FileManager.default.createFile(atPath: target, contents: Data("secret".utf8)))
    #expect(symlink(target, directory.file("link")) == 0)
    #expect(throws: ControlFileError.exists(directory.file("link"))) { try OutputTarget(directory.file("link")).open() }
    #expect(contents(of: target) == "secret")
  }

  @Test func missingDirectoriesAndDirectoriesAreReported() throws {
    let directory = try TemporaryDirectory()
    let missing = directory.file("no/such/dir/file")
    #expect(throws: ControlFileError.missing(missing)) { try OutputTarget(missing).open() }
    #expect(throws: ControlFileError.isDirectory(directory.path)) {
      try OutputTarget(directory.path).open(overwrite: true)
    }
    #expect(throws: ControlFileError.missing(missing)) { try InputSource(missing).open() }
    #expect(throws: ControlFileError.isDirectory(directory.path)) { try InputSource(directory.path).open() }
  }

  @Test func dashMeansTheClientsOwnStandardStreams() throws {
    #expect(OutputTarget("-") == .standardOutput)
    #expect(InputSource("-") == .standardInput)
    #expect(OutputTarget("./-") == .file("./-"))
    let opened = try OutputTarget("-").open()
    defer { opened.close() }
    #expect(opened.descriptor.rawValue > 2)
    #expect(FileIdentity(of: opened.descriptor) == FileIdentity(of: .standardOutput))
    #expect(opened.createdPath == nil)
  }

  @Test func onlyAnEmptyFileThisOpenCreatedIsRemovedAfterAFailure() throws {
    let directory = try TemporaryDirectory()
    let empty = try OutputTarget(directory.file("empty")).open()
    #expect(empty.removeIfCreatedAndEmpty())
    #expect(access(directory.file("empty"), F_OK) != 0)
    empty.close()

    let written = try OutputTarget(directory.file("written")).open()
    _ = try written.descriptor.writeAll(Array("partial dump".utf8))
    #expect(!written.removeIfCreatedAndEmpty())
    written.close()

    #expect(FileManager.default.createFile(atPath: directory.file("old"), contents: Data("x".utf8)))
    let forced = try OutputTarget(directory.file("old")).open(overwrite: true)
    #expect(!forced.removeIfCreatedAndEmpty())
    #expect(access(directory.file("old"), F_OK) == 0)
    forced.close()
  }
}
