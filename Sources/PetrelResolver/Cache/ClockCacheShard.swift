/// One shard of a bounded cache: a dictionary from key to slot, and the slots themselves, evicted by CLOCK.
///
/// It exists so that the three caches share one small, tested mechanism for bounding memory. The slots are one
/// contiguous array (no per-entry object, no per-entry closure); the dictionary maps a key to its slot's
/// position. When the shard is full, a new entry takes the slot of a victim chosen by the CLOCK
/// ("second chance") sweep: an entry looked up since the hand last passed it is spared once. Expired entries go
/// first: after finding an unused victim the sweep still looks a few slots further for an expired one.
///
/// Not synchronised: `ShardedCache` keeps every shard behind its own `Mutex`.
struct ClockCacheShard<Key: Hashable & Sendable, Value: ExpiringCacheValue>: Sendable {
  /// An occupied slot.
  struct Slot: Sendable {
    var key: Key
    var value: Value
    /// Set by a lookup, cleared by the passing hand: the CLOCK reference bit.
    var referenced: Bool
  }

  /// How many slots past an unused victim the sweep looks for an expired entry to take instead.
  static var expiredLookahead: Int { 16 }

  /// The most entries this shard ever holds.
  let capacity: Int
  private var slots: [Slot?] = []
  private var positions: [Key: Int32] = [:]
  private var freePositions: [Int32] = []
  private var hand = 0

  init(capacity: Int) {
    self.capacity = min(max(0, capacity), Int(Int32.max))
  }

  /// Entries stored, live or not yet noticed to be expired.
  var count: Int { positions.count }

  /// The entry under `key` if it is live, marked as recently used; an expired entry is removed instead.
  mutating func lookup(_ key: Key, now: Int64) -> Slot? {
    guard let position = positions[key] else { return nil }
    let index = Int(position)
    guard let slot = slots[index] else { return nil }
    guard slot.value.isLive(at: now) else {
      release(index, key: key)
      return nil
    }
    if !slot.referenced { slots[index]?.referenced = true }
    return slot
  }

  /// The entry under `key` if it is live, without marking it used.
  func peek(_ key: Key, now: Int64) -> Slot? {
    guard let position = positions[key], let slot = slots[Int(position)], slot.value.isLive(at: now) else {
      return nil
    }
    return slot
  }

  /// Stores `value` under `key`, replacing an expired entry always and a live one when `mayReplace` agrees.
  ///
  /// Returns false, storing nothing, when `mayReplace` refused or the shard has no room at all (capacity 0).
  /// A full shard evicts one entry first; it never grows beyond `capacity`.
  mutating func insert(_ key: Key, _ value: Value, now: Int64, mayReplace: (Value) -> Bool) -> Bool {
    if let position = positions[key], let existing = slots[Int(position)] {
      if existing.value.isLive(at: now) && !mayReplace(existing.value) { return false }
      slots[Int(position)] = Slot(key: key, value: value, referenced: existing.referenced)
      return true
    }
    guard let index = vacantSlot(now: now) else { return false }
    slots[index] = Slot(key: key, value: value, referenced: false)
    positions[key] = Int32(index)
    return true
  }

  /// Removes the entry under `key`; true when there was one.
  @discardableResult
  mutating func remove(_ key: Key) -> Bool {
    guard let position = positions[key] else { return false }
    release(Int(position), key: key)
    return true
  }

  /// Removes every entry for which `predicate` holds, returning how many went.
  mutating func removeAll(where predicate: (Key, Value) -> Bool) -> Int {
    var removed = 0
    for index in slots.indices {
      guard let slot = slots[index], predicate(slot.key, slot.value) else { continue }
      release(index, key: slot.key)
      removed += 1
    }
    return removed
  }

  /// Empties the shard and gives its memory back.
  mutating func removeAll() {
    slots = []
    positions = [:]
    freePositions = []
    hand = 0
  }

  /// A copy of every live entry, for snapshots.
  func liveSlots(now: Int64) -> [Slot] {
    var result: [Slot] = []
    result.reserveCapacity(positions.count)
    for case let slot? in slots where slot.value.isLive(at: now) {
      result.append(slot)
    }
    return result
  }

  // MARK: - Slots

  /// Empties a slot and puts it on the free list.
  private mutating func release(_ index: Int, key: Key) {
    vacate(index, key: key)
    freePositions.append(Int32(index))
  }

  /// Empties a slot that is about to be reused.
  private mutating func vacate(_ index: Int, key: Key) {
    positions.removeValue(forKey: key)
    slots[index] = nil
  }

  /// A slot to put a new entry in: a free one, a new one while below capacity, or an evicted one.
  private mutating func vacantSlot(now: Int64) -> Int? {
    if let free = freePositions.popLast() { return Int(free) }
    if slots.count < capacity {
      if slots.count == slots.capacity {
        // Grow by doubling, but never reserve past the capacity: a full shard has no slack.
        slots.reserveCapacity(min(capacity, max(16, slots.count * 2)))
      }
      slots.append(nil)
      return slots.count - 1
    }
    guard !slots.isEmpty else { return nil }
    return evict(now: now)
  }

  /// Runs the CLOCK hand until it finds a victim, removes the victim and returns its slot.
  private mutating func evict(now: Int64) -> Int {
    let slotCount = slots.count
    let lookahead = min(Self.expiredLookahead, slotCount - 1)
    var unused: Int? = nil
    var stepsSinceUnused = 0
    while true {
      let index = hand
      hand = index + 1 == slotCount ? 0 : index + 1
      guard let slot = slots[index] else { return index }
      if !slot.value.isLive(at: now) {
        // An expired entry: take it, and leave the hand on the unused one, which is next in line.
        if let unused { hand = unused }
        vacate(index, key: slot.key)
        return index
      }
      if let unused {
        stepsSinceUnused += 1
        if stepsSinceUnused >= lookahead {
          return evictUnused(unused, slotCount: slotCount)
        }
      } else if slot.referenced {
        slots[index]?.referenced = false
      } else {
        unused = index
        if lookahead == 0 { return evictUnused(index, slotCount: slotCount) }
      }
    }
  }

  private mutating func evictUnused(_ index: Int, slotCount: Int) -> Int {
    hand = index + 1 == slotCount ? 0 : index + 1
    if let key = slots[index]?.key { vacate(index, key: key) }
    return index
  }
}
