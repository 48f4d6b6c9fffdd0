import Glibc

/// Checks, before the chroot, that the directory can hold the daemon: after `chroot` the privilege plan still
/// reads `/proc` (the capability count for the bounding set, and every thread's status for the read-back), so a
/// chroot without a `proc` mount would fail half-way through the drop with a puzzling `ENOENT`.
public enum ChrootPreflight {
  /// Why the directory cannot be used.
  public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// Throws unless `directory` is a directory with a mounted `proc` (its `proc/self/status` readable).
  public static func check(_ directory: String) throws(Failure) {
    var status = stat()
    guard stat(directory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
      throw Failure(description: "chroot \(directory): not a directory")
    }
    guard access("\(directory)/proc/self/status", R_OK) == 0 else {
      throw Failure(
        description: "chroot \(directory) has no proc: mount one at \(directory)/proc (mount -t proc proc "
          + "\(directory)/proc, or a bind mount of /proc); petreld checks its privileges through /proc after the chroot"
      )
    }
  }
}
