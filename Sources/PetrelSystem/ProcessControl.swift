import CPetrelSystem
import Glibc
public import SystemPackage

/// The process-wide prctl flags that matter to a sandbox (no_new_privs, dumpable, keepcaps), and chroot:
/// one typed method per operation so the privilege plan reads as the steps it takes.
public enum ProcessControl {
  /// `PR_SET_NO_NEW_PRIVS`: execve can never grant privilege again; irreversible, inherited by children.
  /// Landlock and seccomp require it from an unprivileged caller.
  public static func setNoNewPrivileges() throws(Errno) {
    guard petrel_prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0 else { throw Errno.ofLastCall }
  }

  /// `PR_GET_NO_NEW_PRIVS`.
  public static func noNewPrivileges() throws(Errno) -> Bool {
    let result = petrel_prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0)
    guard result >= 0 else { throw Errno.ofLastCall }
    return result == 1
  }

  /// `PR_SET_DUMPABLE`: whether the process may dump core and be ptrace-attached by its own user.
  public static func setDumpable(_ dumpable: Bool) throws(Errno) {
    guard petrel_prctl(PR_SET_DUMPABLE, dumpable ? 1 : 0, 0, 0, 0) == 0 else { throw Errno.ofLastCall }
  }

  /// `PR_GET_DUMPABLE`.
  public static func isDumpable() throws(Errno) -> Bool {
    let result = petrel_prctl(PR_GET_DUMPABLE, 0, 0, 0, 0)
    guard result >= 0 else { throw Errno.ofLastCall }
    return result != 0
  }

  /// `PR_SET_KEEPCAPS`: keep the permitted set when every user ID leaves 0, so the bounding set can
  /// still be emptied after setresuid. Cleared by the kernel on execve.
  public static func setKeepCapabilities(_ keep: Bool) throws(Errno) {
    guard petrel_prctl(PR_SET_KEEPCAPS, keep ? 1 : 0, 0, 0, 0) == 0 else { throw Errno.ofLastCall }
  }

  /// `PR_GET_KEEPCAPS`.
  public static func keepsCapabilities() throws(Errno) -> Bool {
    let result = petrel_prctl(PR_GET_KEEPCAPS, 0, 0, 0, 0)
    guard result >= 0 else { throw Errno.ofLastCall }
    return result == 1
  }

  /// chroot(2) followed by chdir("/"), so no working directory is left outside the new root.
  public static func changeRoot(to path: FilePath) throws(Errno) {
    let result = path.withPlatformString { chroot($0) }
    guard result == 0 else { throw Errno.ofLastCall }
    guard chdir("/") == 0 else { throw Errno.ofLastCall }
  }
}
