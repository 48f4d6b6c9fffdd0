import Glibc
import SystemPackage

/// Turns the C convention of the descriptor calls (`-1` and `errno`) into Swift's, in one place, so that
/// every wrapper in this module retries `EINTR` and reports `Errno` the same way swift-system does.
enum DescriptorSystemCall {
  /// Runs `body` until it returns something other than `-1` with `errno == EINTR` (when asked to retry),
  /// and throws the `errno` of any other failure.
  static func run<Result: FixedWidthInteger>(
    retryOnInterrupt: Bool = true,
    _ body: () -> Result
  ) throws(Errno) -> Result {
    while true {
      let result = body()
      if result != -1 { return result }
      let error = Errno(rawValue: errno)
      if retryOnInterrupt && error == .interrupted { continue }
      throw error
    }
  }

  /// Closes descriptors that nobody will own, ignoring errors: used on failure paths only.
  static func closeQuietly(_ descriptors: some Sequence<FileDescriptor>) {
    for descriptor in descriptors { _ = Glibc.close(descriptor.rawValue) }
  }
}
