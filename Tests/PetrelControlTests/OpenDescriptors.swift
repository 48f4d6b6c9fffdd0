import Foundation
import Glibc
import SystemPackage

/// A pipe whose ends the test owns; `identity` finds every copy of it in /proc/self/fd.
struct TestPipe {
  let readEnd: FileDescriptor
  let writeEnd: FileDescriptor
  var identity: FileIdentity { FileIdentity(of: readEnd) }

  init() throws {
    (readEnd, writeEnd) = try FileDescriptor.pipe()
    _ = fcntl(readEnd.rawValue, F_SETFD, FD_CLOEXEC)
    _ = fcntl(writeEnd.rawValue, F_SETFD, FD_CLOEXEC)
  }

  /// Whether the read end sees end of file, i.e. no write end is open anywhere but was closed by us.
  func readEndSeesEndOfFile() -> Bool {
    var entry = pollfd(fd: readEnd.rawValue, events: Int16(POLLIN), revents: 0)
    guard poll(&entry, 1, 20_000) == 1 else { return false }
    var byte: UInt8 = 0
    return Glibc.read(readEnd.rawValue, &byte, 1) == 0
  }
}

/// The identity of an open file (device and inode).
struct FileIdentity: Hashable {
  var device: UInt64
  var inode: UInt64

  init(of descriptor: FileDescriptor) {
    var status = stat()
    precondition(fstat(descriptor.rawValue, &status) == 0)
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
  }

  init?(number: CInt) {
    var status = stat()
    guard fstat(number, &status) == 0 else { return nil }
    device = UInt64(status.st_dev)
    inode = UInt64(status.st_ino)
  }
}

/// The entries of `/proc/self/fd` that belong to the control channel under test: sockets whose own or
/// peer address is `socketPath`, and descriptors of the files in `identities`. Counting only these keeps
/// the leak check exact while other tests in the same process open and close descriptors of their own.
func controlDescriptors(socketPath: String, identities: Set<FileIdentity> = []) -> [CInt] {
  guard let directory = opendir("/proc/self/fd") else { return [] }
  defer { closedir(directory) }
  let own = dirfd(directory)
  var found: [CInt] = []
  while let entry = readdir(directory) {
    let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    guard let number = CInt(name), number != own else { continue }
    if let identity = FileIdentity(number: number), identities.contains(identity) {
      found.append(number)
    } else if unixAddresses(of: number).contains(socketPath) {
      found.append(number)
    }
  }
  return found
}

/// The local and peer path of an `AF_UNIX` socket (empty for anything else).
private func unixAddresses(of number: CInt) -> [String] {
  [Glibc.getsockname, Glibc.getpeername].compactMap { call -> String? in
    var address = sockaddr_un()
    var length = socklen_t(MemoryLayout<sockaddr_un>.size)
    let result = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { call(number, $0, &length) }
    }
    guard result == 0, address.sun_family == sa_family_t(AF_UNIX) else { return nil }
    return withUnsafeBytes(of: address.sun_path) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
  }
}

/// Reads everything from `descriptor` until end of file, slowly when asked: `pause` microseconds between
/// small reads, to make the writer wait on a full pipe.
func readAll(_ descriptor: FileDescriptor, chunk: Int = 65_536, pause: useconds_t = 0) -> [UInt8] {
  var bytes: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: chunk)
  while true {
    let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor.rawValue, $0.baseAddress, $0.count) }
    if count > 0 {
      bytes += buffer.prefix(count)
      if pause > 0 { usleep(pause) }
    } else if count < 0 && errno == EINTR {
      continue
    } else {
      return bytes
    }
  }
}

/// Contents of a file.
func contents(of path: String) -> String? {
  FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}
