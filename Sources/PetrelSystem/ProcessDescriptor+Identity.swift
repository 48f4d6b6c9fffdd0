import Glibc
public import SystemPackage

extension ProcessDescriptor {
  /// A process descriptor for the calling process: what a daemon hands to another process so that it can
  /// take descriptors from it (`pidfd_getfd`) and signal it, without ever naming it by a PID that could
  /// be reused once it has gone.
  public static func current() throws(ProcessDescriptorError) -> ProcessDescriptor {
    try open(pid: getpid())
  }

  /// The PID of the process this descriptor refers to, as the kernel reports it (the `Pid:` line of
  /// `/proc/self/fdinfo/N`): `nil` once the process has exited (the kernel then reports -1), also when
  /// the PID has since been given to another process.
  ///
  /// - Throws: `Errno.invalidArgument` when the descriptor is not a process descriptor (no `Pid:` line),
  ///   or the error of reading the fdinfo file.
  public func processID() throws(Errno) -> Int32? {
    let text = try KernelTextFile.read(FilePath("/proc/self/fdinfo/\(descriptor.rawValue)"))
    for line in text.split(separator: "\n") where line.hasPrefix("Pid:") {
      guard let pid = Int32(KernelTextFile.trimmed(line.dropFirst(4))) else { throw .invalidArgument }
      return pid > 0 ? pid : nil
    }
    throw .invalidArgument
  }
}
