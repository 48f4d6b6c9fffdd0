import CPetrelSystem
import Glibc
import PetrelSystem
import SystemPackage
import Testing

@Suite struct SealedMemoryFileTests {
  @Test func contentComesBackSealedAndCloseOnExec() throws {
    let contents = (0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let file = try SealedMemoryFile.create(name: "petrel-test", contents: contents)
    defer { try? file.close() }
    #expect(isCloseOnExec(file))
    #expect(try SealedMemoryFile.seals(of: file).isSuperset(of: .immutable))
    #expect(try SealedMemoryFile.read(file, maximumSize: contents.count) == contents)
    // pread leaves the shared file offset alone: a second read sees the same bytes.
    #expect(try SealedMemoryFile.read(file, maximumSize: contents.count) == contents)
    #expect(try KernelTextFile.read(FilePath("/proc/self/fd/\(file.rawValue)")).isEmpty == false)
  }

  @Test func nobodyCanChangeItOnceSealed() throws {
    let file = try SealedMemoryFile.create(name: "petrel-test", contents: Array("sealed".utf8))
    defer { try? file.close() }
    // Even a writable descriptor to the same file, reopened through /proc, is refused every change.
    let reopened = try FileDescriptor.open(FilePath("/proc/self/fd/\(file.rawValue)"), .readWrite)
    defer { try? reopened.close() }
    #expect(throws: Errno.notPermitted) { _ = try reopened.writeAll(Array("changed".utf8)) }
    #expect(ftruncate(reopened.rawValue, 1) == -1 && errno == EPERM)
    #expect(ftruncate(reopened.rawValue, 100) == -1 && errno == EPERM)
    #expect(petrel_add_seals(reopened.rawValue, 0) == -1 && errno == EPERM)
    #expect(try SealedMemoryFile.read(file, maximumSize: 100) == Array("sealed".utf8))
  }

  @Test func anUnsealedMemoryFileIsRefused() throws {
    let raw = petrel_memfd_create_sealable("petrel-unsealed", 0)
    #expect(raw >= 0)
    let file = FileDescriptor(rawValue: raw)
    defer { try? file.close() }
    _ = try file.writeAll(Array("changeable".utf8))
    #expect(petrel_add_seals(raw, FileSeals([.shrink, .grow]).rawValue) == 0)
    #expect(throws: SealedMemoryFileError.missingSeals(required: .immutable, present: [.shrink, .grow])) {
      try SealedMemoryFile.read(file, maximumSize: 100)
    }
  }

  @Test func aPipeOrAFileIsNotSealable() throws {
    let pipe = try FileDescriptor.pipe()
    defer { closeAll([pipe.readEnd, pipe.writeEnd]) }
    #expect(throws: SealedMemoryFileError.notSealable) { try SealedMemoryFile.read(pipe.readEnd, maximumSize: 10) }
    let regular = try FileDescriptor.open(FilePath("/proc/self/status"), .readOnly)
    defer { try? regular.close() }
    #expect(throws: SealedMemoryFileError.notSealable) { try SealedMemoryFile.seals(of: regular) }
  }

  @Test func aLargerFileThanAgreedIsRefused() throws {
    let file = try SealedMemoryFile.create(name: "petrel-test", contents: [UInt8](repeating: 7, count: 4097))
    defer { try? file.close() }
    #expect(throws: SealedMemoryFileError.tooLarge(size: 4097, limit: 4096)) {
      try SealedMemoryFile.read(file, maximumSize: 4096)
    }
  }

  @Test func anEmptyFileIsEmpty() throws {
    let file = try SealedMemoryFile.create(name: "petrel-test", contents: [])
    defer { try? file.close() }
    #expect(try SealedMemoryFile.read(file, maximumSize: 0) == [])
  }
}
