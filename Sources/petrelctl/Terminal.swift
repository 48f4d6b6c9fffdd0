import Glibc
import SystemPackage

/// Writing to `petrelctl`'s own standard output and error, unbuffered, so that text and the daemon's
/// writes to the same descriptor cannot be reordered by a buffer.
enum Terminal {
  static func out(_ text: String) {
    _ = try? FileDescriptor.standardOutput.writeAll(Array(text.utf8))
  }

  static func error(_ text: String) {
    _ = try? FileDescriptor.standardError.writeAll(Array(text.utf8))
  }

  /// Whether standard error is a terminal (progress is shown only there).
  static var errorIsTerminal: Bool { isatty(2) == 1 }
}
