import Glibc

/// Counts the threads of this process from `/proc/self/task`, the kernel's own list.
///
/// Capabilities, Landlock domains and (without TSYNC) seccomp filters are per-thread state: a thread that
/// exists before the privilege plan is applied keeps everything the plan takes away. The daemon therefore
/// refuses to apply the plan unless it is still the only thread — a check rather than a belief, because a
/// library initialiser or a stray Task could start one without anyone noticing.
public enum ThreadCount {
  /// Why the threads could not be counted.
  public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// The number of entries in `/proc/self/task`.
  public static func current() throws(Failure) -> Int {
    guard let directory = opendir("/proc/self/task") else {
      throw Failure(description: "cannot list /proc/self/task: \(String(cString: strerror(errno)))")
    }
    defer { closedir(directory) }
    var count = 0
    while let entry = readdir(directory) {
      let isNumber = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        let name = raw.prefix { $0 != 0 }
        return !name.isEmpty && name.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
      }
      if isNumber { count += 1 }
    }
    return count
  }
}
