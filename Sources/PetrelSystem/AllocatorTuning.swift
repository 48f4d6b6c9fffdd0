import Glibc

/// Sets glibc's allocator up for a server that frees thousands of equal-sized blocks in bursts.
///
/// Why it exists: a cache miss allocates and frees about 180 small blocks, and with 256 queries in flight the
/// frees come in bursts. glibc keeps only 7 freed blocks per size in each thread's cache (tcache); the rest go
/// to the shared fast bins, which every allocation of 1 KiB or more (a receive buffer, a growing array) then
/// consolidates. Profiles of the miss path showed a fifth of the CPU in `_int_malloc`, `malloc_consolidate`
/// and `unlink_chunk`; a larger per-thread cache cut that to a tenth and raised miss throughput by about 15 %
/// (docs/performance.md). The size of that cache can only be set before the allocator starts, through the
/// `GLIBC_TUNABLES` environment variable, so `petreld` re-executes itself once, first thing, with the tunable
/// added. The process keeps its PID, descriptors, arguments and environment: socket activation
/// (`LISTEN_PID`), the notify socket and a takeover are unaffected. An operator who sets
/// `glibc.malloc.tcache_count` in `GLIBC_TUNABLES` keeps that value, and `PETREL_ALLOCATOR_TUNING=off` leaves
/// the allocator as glibc starts it.
public enum AllocatorTuning {
  /// Freed blocks each thread keeps per size class (glibc's default is 7, its maximum 65 535). At most about
  /// 34 MiB per thread could stay parked there, and only after a burst of that many frees of every size.
  public static let threadCacheCount = 1024

  /// The tunable added to `GLIBC_TUNABLES`.
  public static var tunable: String { "glibc.malloc.tcache_count=\(threadCacheCount)" }

  /// What `GLIBC_TUNABLES` should be for `current`, or nil when it already sets the thread cache size.
  public static func tunables(extending current: String?) -> String? {
    guard let current, !current.isEmpty else { return tunable }
    if current.split(separator: ":").contains(where: { $0.hasPrefix("glibc.malloc.tcache_count=") }) {
      return nil
    }
    return current + ":" + tunable
  }

  /// Re-executes this program with the tunable set, unless it is already set or tuning is switched off.
  /// Returns only when no re-execution happened (or `execv` failed, in which case the untuned allocator
  /// serves, which is merely slower).
  public static func applyByReexecuting() {
    if let setting = getenv("PETREL_ALLOCATOR_TUNING"), String(cString: setting) == "off" { return }
    let current = getenv("GLIBC_TUNABLES").map { String(cString: $0) }
    guard let wanted = tunables(extending: current) else { return }
    guard setenv("GLIBC_TUNABLES", wanted, 1) == 0 else { return }
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // Not reached unless execv failed (no /proc, say): carry on with glibc's defaults.
    if let current { setenv("GLIBC_TUNABLES", current, 1) } else { unsetenv("GLIBC_TUNABLES") }
  }
}
