import PetrelSystem
import Testing

/// How `petreld` extends `GLIBC_TUNABLES` before it re-executes itself.
struct AllocatorTuningTests {
  @Test func withoutTunablesOnlyTheThreadCacheIsSet() {
    #expect(AllocatorTuning.tunables(extending: nil) == "glibc.malloc.tcache_count=1024")
    #expect(AllocatorTuning.tunables(extending: "") == "glibc.malloc.tcache_count=1024")
  }

  @Test func otherTunablesAreKept() {
    #expect(
      AllocatorTuning.tunables(extending: "glibc.malloc.arena_max=2")
        == "glibc.malloc.arena_max=2:glibc.malloc.tcache_count=1024")
  }

  @Test func anOperatorsOwnThreadCacheSizeWinsAndNothingIsReexecuted() {
    #expect(AllocatorTuning.tunables(extending: "glibc.malloc.tcache_count=7") == nil)
    #expect(AllocatorTuning.tunables(extending: "glibc.malloc.arena_max=2:glibc.malloc.tcache_count=64") == nil)
  }

  @Test func aSimilarlyNamedTunableIsNotMistakenForIt() {
    #expect(
      AllocatorTuning.tunables(extending: "glibc.malloc.tcache_count_x=1")
        == "glibc.malloc.tcache_count_x=1:glibc.malloc.tcache_count=1024")
  }
}
