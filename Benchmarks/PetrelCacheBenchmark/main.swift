// Measures the resident memory per cached RRset and the cost of store and lookup in the record cache.
// Fills a RecordCache with distinct one-record A RRsets named n<i>.example.com. and reads VmRSS from
// /proc/self/status before and after.
// Run: swift run -c release PetrelCacheBenchmark [rrsets] [capacity]
import PetrelDNS
import PetrelResolver

#if canImport(Glibc)
  import Glibc
#endif

func monotonicSeconds() -> Double {
  var spec = timespec()
  clock_gettime(CLOCK_MONOTONIC, &spec)
  return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// VmRSS from /proc/self/status, in bytes.
func residentBytes() -> Int {
  guard let file = fopen("/proc/self/status", "r") else { return 0 }
  defer { fclose(file) }
  var line = [CChar](repeating: 0, count: 256)
  while fgets(&line, Int32(line.count), file) != nil {
    let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if text.hasPrefix("VmRSS:") {
      let kilobytes = text.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
      return (kilobytes.flatMap { Int($0) } ?? 0) * 1024
    }
  }
  return 0
}

let arguments = CommandLine.arguments.dropFirst()
let rrsetCount = arguments.first.flatMap { Int($0) } ?? 1_000_000
let capacity = arguments.dropFirst().first.flatMap { Int($0) } ?? rrsetCount
let clock = WallClock()
let server = UpstreamServer(address: .v4(IPv4Address(192, 0, 2, 53)))

let cache = RecordCache(capacity: capacity, clock: clock)
let before = residentBytes()
let storeStart = monotonicSeconds()
for index in 0..<rrsetCount {
  let name = try DomainName("n\(index).example.com.")
  let set = RRSet(name: name, type: .a, ttl: 3_600, rdatas: [.a(IPv4Address(UInt32(truncatingIfNeeded: index)))])
  cache.store(set, credibility: .authoritativeAnswer, source: server)
}
let storeSeconds = monotonicSeconds() - storeStart
let after = residentBytes()
let cached = cache.count

/// Nanoseconds per lookup over `probes`, ten rounds; counts hits into `found`.
func measureLookups(_ probes: [DomainName], found: inout Int) -> Int {
  let start = monotonicSeconds()
  for _ in 0..<10 {
    for probe in probes where cache.lookup(probe, .a) != nil { found += 1 }
  }
  return Int((monotonicSeconds() - start) / Double(probes.count * 10) * 1e9)
}

// Scattered over the whole cache (mostly cache-missing memory), then a hot set of 10,000 names.
let scattered = (0..<100_000).map { try! DomainName("n\(($0 &* 7919) % rrsetCount).example.com.") }
let hot = (0..<100_000).map { try! DomainName("n\(($0 &* 7919) % min(rrsetCount, 10_000)).example.com.") }
var found = 0
let scatteredNanoseconds = measureLookups(scattered, found: &found)
let hotNanoseconds = measureLookups(hot, found: &found)

print("RRsets stored: \(rrsetCount), capacity \(capacity), held: \(cached)")
print("VmRSS before: \(before / 1024) KiB, after: \(after / 1024) KiB")
print("bytes per cached RRset: \((after - before) / max(cached, 1))")
print("store: \(Int(storeSeconds / Double(rrsetCount) * 1e9)) ns per RRset (name built from text included)")
print("lookup: \(scatteredNanoseconds) ns scattered, \(hotNanoseconds) ns hot set; \(found) hits of 2000000")
print(
  "layout: RData \(MemoryLayout<RData>.stride) B, RRSet \(MemoryLayout<RRSet>.stride) B, "
    + "UpstreamServer? \(MemoryLayout<UpstreamServer?>.stride) B, CachedRRSet \(MemoryLayout<CachedRRSet>.stride) B")
