#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads a whole text file the configuration names (the file itself, zone files, root hints).
///
/// The daemon reads all of these at start-up, before it drops the right to open files; a failure is reported
/// in the system's words ("No such file or directory") so the operator sees what the kernel said.
enum TextFileReader {
  /// Why a file could not be read.
  struct Failure: Error {
    var message: String
  }

  /// No configuration, zone or hints file is anywhere near this big; a larger one is a mistake (or a device).
  static let maximumSize = 256 << 20

  static func contents(ofFile path: String) throws(Failure) -> String {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(message: "cannot open \(path): \(systemMessage(errno))") }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw Failure(message: "cannot read \(path): \(systemMessage(errno))")
    }
    guard status.st_mode & S_IFMT == S_IFREG else { throw Failure(message: "\(path) is not a regular file") }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(message: "cannot read \(path): \(systemMessage(errno))")
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      guard bytes.count <= maximumSize else {
        throw Failure(message: "\(path) is larger than \(maximumSize >> 20) MiB")
      }
    }
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw Failure(message: "\(path) is not UTF-8 text")
    }
    return text
  }

  private static func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
