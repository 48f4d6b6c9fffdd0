public import SystemPackage

/// Why a process-descriptor call failed, in the terms a takeover has to decide on: fall back to
/// `SCM_RIGHTS` (permission, old kernel), give up (process gone), or report a bug (bad descriptor).
public enum ProcessDescriptorError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `EPERM`: the ptrace access-mode check failed. The target runs with different credentials, or is not
  /// dumpable, and this process lacks `CAP_SYS_PTRACE` in the target's user namespace (or, for signals,
  /// may not signal it).
  case permissionDenied
  /// `ESRCH`: the process has exited (for `pidfd_open`: no such process, or not a thread-group leader).
  case processGone
  /// `EBADF`: the process descriptor is not open, or the target has no descriptor with that number.
  case badDescriptor
  /// `ENOSYS`: the kernel predates the call (pidfd_send_signal 5.1, pidfd_open 5.3, pidfd_getfd 5.6).
  case unsupportedKernel
  /// Any other failure.
  case system(Errno)

  /// Classifies an `errno` from one of the pidfd calls.
  public init(_ error: Errno) {
    switch error {
    case .notPermitted: self = .permissionDenied
    case .noSuchProcess: self = .processGone
    case .badFileDescriptor: self = .badDescriptor
    case .noFunction: self = .unsupportedKernel
    default: self = .system(error)
    }
  }

  /// The underlying `errno`.
  public var errno: Errno {
    switch self {
    case .permissionDenied: .notPermitted
    case .processGone: .noSuchProcess
    case .badDescriptor: .badFileDescriptor
    case .unsupportedKernel: .noFunction
    case .system(let error): error
    }
  }

  public var description: String {
    switch self {
    case .permissionDenied:
      "EPERM: ptrace access check failed (different credentials or non-dumpable target without CAP_SYS_PTRACE)"
    case .processGone: "ESRCH: the process has exited"
    case .badDescriptor: "EBADF: no such descriptor (in the process descriptor or in the target process)"
    case .unsupportedKernel: "ENOSYS: the kernel is too old for process descriptors (needs Linux 5.6)"
    case .system(let error): "\(error)"
    }
  }
}
