import Foundation
import Glibc

/// The built executables, next to the test bundle: `.build/<config>/petreld` and `petrelctl`.
enum Products {
  static var directory: String {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
    return URL(fileURLWithPath: executable).deletingLastPathComponent().path
  }

  static var petreld: String { directory + "/petreld" }
  static var petrelctl: String { directory + "/petrelctl" }
}

let runningAsRoot = getuid() == 0

/// A fresh directory under /tmp, world-traversable so that `nobody` can reach a socket in it when a test
/// wants that.
func temporaryDirectory(_ label: String) throws -> String {
  var template = Array("/tmp/petrel-\(label)-XXXXXX".utf8CString)
  guard let made = mkdtemp(&template) else { throw HarnessError("mkdtemp: \(String(cString: strerror(errno)))") }
  let path = String(cString: made)
  chmod(path, 0o755)
  return path
}

/// A failure of the test harness itself, with what it was doing.
struct HarnessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// Writes `text` to `path`.
func writeFile(_ path: String, _ text: String) throws {
  guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
    throw HarnessError("cannot write \(path)")
  }
}

/// The contents of a file as text ("" when missing).
func readFile(_ path: String) -> String {
  FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
}

/// Waits (up to a generous bound) until `condition` holds, looking every few milliseconds.
func eventually(_ condition: () -> Bool) -> Bool {
  for _ in 0..<4_000 {
    if condition() { return true }
    usleep(5_000)
  }
  return condition()
}

/// A port free for both UDP and TCP on 127.0.0.1 right now (the kernel's choice, released again).
func freePort() throws -> UInt16 {
  for _ in 0..<20 {
    let tcp = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(tcp) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(tcp, $0, length) == 0 && getsockname(tcp, $0, &length) == 0
      }
    }
    guard bound else { continue }
    let udp = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    defer { close(udp) }
    let udpFree = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(udp, $0, length) == 0 }
    }
    if udpFree { return UInt16(bigEndian: address.sin_port) }
  }
  throw HarnessError("no free port on 127.0.0.1")
}
