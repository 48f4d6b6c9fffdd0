import Glibc

/// Tries, right after the privilege drop, to open every file a `reload` will read, so that an operator
/// learns at start-up — not at the first reload — that the account the daemon became cannot read them.
///
/// The sandbox allows reading anywhere; what stops a reload is ordinary file permissions once the daemon is
/// no longer root (a `0640 root:root` configuration file, say), or a chroot that hides the paths.
public enum ReloadReadability {
  /// The files among `paths` the process cannot open for reading now, each with the reason.
  public static func unreadable(_ paths: [String]) -> [(path: String, reason: String)] {
    var failures: [(path: String, reason: String)] = []
    for path in paths {
      let descriptor = open(path, O_RDONLY | O_CLOEXEC)
      if descriptor >= 0 {
        close(descriptor)
      } else {
        failures.append((path, String(cString: strerror(errno))))
      }
    }
    return failures
  }

  /// The configuration file (if any) and every file it names: root hints and local zone files.
  public static func files(configurationFile: String?, configuration: ServerConfiguration) -> [String] {
    var paths: [String] = []
    if let configurationFile { paths.append(configurationFile) }
    if let hints = configuration.rootHintsFile { paths.append(hints) }
    paths += configuration.localZones.map(\.file)
    return paths
  }
}
