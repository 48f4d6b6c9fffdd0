import Synchronization

/// A bounded cache split into independently locked shards, so that lookups on different cores rarely wait on
/// one another.
///
/// It exists to hold the locking and the capacity split in one place for the three caches. The capacity is
/// divided among the shards, so the whole never holds more than the capacity; each shard is a
/// `ClockCacheShard` behind a `Mutex`, locked only for the few dictionary operations of one call.
struct ShardedCache<Key: Hashable & Sendable, Value: ExpiringCacheValue>: Sendable {
  typealias Slot = ClockCacheShard<Key, Value>.Slot

  /// One shard and its lock; a class because a `Mutex` cannot be copied into an array.
  final class Shard: Sendable {
    let state: Mutex<ClockCacheShard<Key, Value>>

    init(capacity: Int) {
      state = Mutex(ClockCacheShard(capacity: capacity))
    }
  }

  let shards: [Shard]

  /// The fewest entries a shard is given: a small cache is split less, so that an uneven hash cannot leave a
  /// shard too small to hold what it is sent.
  static var minimumShardCapacity: Int { 32 }

  /// Splits `capacity` over at most `shardCount` shards, each given at least `minimumShardCapacity` entries
  /// when there are enough; never fewer than one shard.
  init(capacity: Int, shardCount: Int) {
    let capacity = max(0, capacity)
    let count = max(1, min(shardCount, capacity / Self.minimumShardCapacity))
    let share = capacity / count
    let remainder = capacity % count
    shards = (0..<count).map { Shard(capacity: share + ($0 < remainder ? 1 : 0)) }
  }

  /// The shard responsible for a key with this hash.
  func shard(forHash hash: Int) -> Shard {
    shards[Int(UInt(bitPattern: hash) % UInt(shards.count))]
  }

  /// Entries stored, summed shard by shard: O(shards).
  var count: Int {
    shards.reduce(0) { total, shard in total + shard.state.withLock { $0.count } }
  }

  func removeAll() {
    for shard in shards { shard.state.withLock { $0.removeAll() } }
  }

  func removeAll(where predicate: (Key, Value) -> Bool) -> Int {
    shards.reduce(0) { total, shard in total + shard.state.withLock { $0.removeAll(where: predicate) } }
  }

  /// Every live entry, copied one shard at a time with only that shard locked, then turned into `Output` with
  /// no lock held.
  func snapshot<Output>(now: Int64, _ transform: (Slot) -> Output) -> [Output] {
    var result: [Output] = []
    for shard in shards {
      let copied = shard.state.withLock { $0.liveSlots(now: now) }
      result.reserveCapacity(result.count + copied.count)
      for slot in copied { result.append(transform(slot)) }
    }
    return result
  }
}
