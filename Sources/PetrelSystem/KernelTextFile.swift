import Glibc
public import SystemPackage

/// Reads the small text files the kernel publishes under /proc, which report a size of zero,
/// so they are read until end of file rather than by their size.
public enum KernelTextFile {
  /// The whole file as UTF-8 text.
  public static func read(_ path: FilePath) throws(Errno) -> String {
    let descriptor: FileDescriptor
    do {
      descriptor = try FileDescriptor.open(path, .readOnly, options: [.closeOnExec], retryOnInterrupt: true)
    } catch {
      throw error as! Errno
    }
    defer { try? descriptor.close() }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count: Int
      do {
        count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0, retryOnInterrupt: true) }
      } catch {
        throw error as! Errno
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// `text` without leading and trailing whitespace (the kernel ends its one-value files with a newline).
  public static func trimmed(_ text: some StringProtocol) -> String {
    var view = Substring(text)
    while let first = view.first, first.isWhitespace { view.removeFirst() }
    while let last = view.last, last.isWhitespace { view.removeLast() }
    return String(view)
  }
}

extension Errno {
  /// The calling thread's `errno`, as swift-system keeps its own accessor internal.
  static var ofLastCall: Errno { Errno(rawValue: Glibc.errno) }
}
