public import NIOCore
public import PetrelDNS
public import PetrelResolver

/// Whole encoded responses, answered again by patching a few octets: the server's hot path.
///
/// One instance per event loop, used only on that loop, so that a hit takes no lock. A hit copies the stored
/// response into the outgoing buffer, writes the client's ID and its own spelling of the question name over the
/// stored ones (same length, same place), and lowers every TTL by the seconds since the response was stored.
/// Nothing is decoded and nothing is allocated but the outgoing buffer. Entries expire with their shortest TTL
/// (see `PacketCachePolicy`); when full, the least recently used entry makes room.
public final class PacketCache {
  /// A response found for a query, ready to send.
  public struct Hit {
    public var response: ByteBuffer
    public var rcode: RCode
    /// True for a response cut down with TC set.
    public var truncated: Bool
  }

  private struct Entry {
    var key: PacketCacheKey
    /// The response, followed by the offsets of its TTL fields (two octets each, in host order): one array,
    /// so that a hit retains one object.
    var storage: [UInt8]
    var length: Int
    var nameEnd: Int
    var inserted: Int64
    var expires: Int64
    var rcode: RCode
    var truncated: Bool
    /// Recency list links (indices into `entries`, -1 for none).
    var newer: Int32
    var older: Int32
  }

  /// The most entries kept; 0 keeps none.
  public let capacity: Int
  // The state below is only ever touched on the owning event loop, one access at a time; the runtime's
  // exclusivity bookkeeping would cost more than the lookup itself on the hit path.
  /// Lookups answered.
  @exclusivity(unchecked) public private(set) var hits = 0
  /// Lookups not answered (absent, expired, or too big for the client).
  @exclusivity(unchecked) public private(set) var misses = 0

  private let clock: any ResolverClock
  @exclusivity(unchecked) private var index: [PacketCacheKey: Int32] = [:]
  @exclusivity(unchecked) private var entries: [Entry] = []
  @exclusivity(unchecked) private var free: [Int32] = []
  @exclusivity(unchecked) private var newest: Int32 = -1
  @exclusivity(unchecked) private var oldest: Int32 = -1

  public init(capacity: Int, clock: any ResolverClock) {
    self.capacity = max(0, min(capacity, Int(Int32.max) - 1))
    self.clock = clock
    index.reserveCapacity(min(self.capacity, 65_536))
  }

  /// The number of responses held.
  public var count: Int { index.count }

  /// Answers `query` (whose scan is `scanned`) from the cache if a response for it is fresh and fits in `limit`
  /// octets, written into a buffer from `allocator`.
  @inline(__always)
  public func answer(
    query: UnsafeRawBufferPointer, scanned: ScannedQuery, limit: Int, allocator: ByteBufferAllocator
  ) -> Hit? {
    guard capacity > 0 else { return nil }
    let now = clock.now()
    if let slot = lookup(PacketCacheKey(scanned, sizeLimit: 0), query: query, scanned: scanned, now: now),
      entries[Int(slot)].length <= limit
    {
      return write(slot: slot, query: query, scanned: scanned, now: now, allocator: allocator)
    }
    if limit < 65_535,
      let slot = lookup(
        PacketCacheKey(scanned, sizeLimit: UInt16(limit)), query: query, scanned: scanned, now: now)
    {
      return write(slot: slot, query: query, scanned: scanned, now: now, allocator: allocator)
    }
    misses += 1
    return nil
  }

  /// Stores `response`, the answer to the query scanned as `scanned`, for `ttl` seconds.
  ///
  /// `truncatedTo` is the UDP limit the response was cut to, or nil for a whole response.
  public func insert(
    _ response: [UInt8], for scanned: ScannedQuery, truncatedTo limit: Int? = nil, ttl: UInt32, rcode: RCode
  ) {
    guard capacity > 0, ttl > 0, let layout = ResponseLayout(response), layout.nameEnd == scanned.nameEnd else {
      return
    }
    let key = PacketCacheKey(scanned, sizeLimit: limit.map { UInt16(clamping: $0) } ?? 0)
    let now = clock.now()
    var storage = response
    storage.reserveCapacity(response.count + 2 * layout.ttlOffsets.count)
    for offset in layout.ttlOffsets { withUnsafeBytes(of: offset) { storage.append(contentsOf: $0) } }
    let entry = Entry(
      key: key, storage: storage, length: response.count, nameEnd: layout.nameEnd, inserted: now,
      expires: now + Int64(ttl), rcode: rcode, truncated: response[2] & 0x02 != 0, newer: -1, older: -1)
    if let slot = index[key] {
      unlink(slot)
      entries[Int(slot)] = entry
      pushNewest(slot)
      return
    }
    if index.count >= capacity, oldest >= 0 { remove(slot: oldest) }
    let slot: Int32
    if let reused = free.popLast() {
      slot = reused
      entries[Int(slot)] = entry
    } else {
      slot = Int32(entries.count)
      entries.append(entry)
    }
    index[key] = slot
    pushNewest(slot)
  }

  /// Removes every response to a question for `name` (and, with `subtree`, for names below it); returns how many.
  @discardableResult
  public func wipe(name: DomainName, subtree: Bool) -> Int {
    var doomed: [Int32] = []
    for slot in index.values {
      let entry = entries[Int(slot)]
      let matches = entry.storage.withUnsafeBytes { bytes in
        WireNameBytes.isWithin(
          UnsafeRawBufferPointer(rebasing: bytes[MessageHeader.length..<entry.nameEnd]), apex: name.wire,
          subtree: subtree)
      }
      if matches { doomed.append(slot) }
    }
    for slot in doomed { remove(slot: slot) }
    return doomed.count
  }

  /// A copy of every live response as stored, with the seconds it has left: for `dump-cache --kind packet`.
  public func snapshot() -> [PacketCacheSnapshot] {
    let now = clock.now()
    return index.values.compactMap { slot in
      let entry = entries[Int(slot)]
      guard entry.expires > now else { return nil }
      return PacketCacheSnapshot(response: Array(entry.storage.prefix(entry.length)), expiresIn: entry.expires - now)
    }
  }

  /// Removes everything.
  public func removeAll() {
    index.removeAll(keepingCapacity: true)
    entries.removeAll(keepingCapacity: true)
    free.removeAll()
    newest = -1
    oldest = -1
  }

  // MARK: - Hit path

  @inline(__always)
  private func lookup(_ key: PacketCacheKey, query: UnsafeRawBufferPointer, scanned: ScannedQuery, now: Int64)
    -> Int32?
  {
    guard let slot = index[key] else { return nil }
    let position = Int(slot)
    guard entries[position].expires > now else {
      remove(slot: slot)
      return nil
    }
    guard entries[position].nameEnd == scanned.nameEnd,
      entries[position].storage.withUnsafeBytes({ stored in
        WireNameBytes.equalIgnoringCase(
          query, MessageHeader.length..<scanned.nameEnd, stored, at: MessageHeader.length)
      })
    else { return nil }
    return slot
  }

  @inline(__always)
  private func write(
    slot: Int32, query: UnsafeRawBufferPointer, scanned: ScannedQuery, now: Int64, allocator: ByteBufferAllocator
  ) -> Hit {
    hits += 1
    if newest != slot {
      unlink(slot)
      pushNewest(slot)
    }
    return entries.withUnsafeBufferPointer { all in
      let position = Int(slot)
      let elapsed = UInt32(clamping: max(0, now - all[position].inserted))
      let length = all[position].length
      var buffer = allocator.buffer(capacity: length)
      all[position].storage.withUnsafeBytes { stored in
        _ = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { target in
          guard let base = target.baseAddress, let source = stored.baseAddress else { return 0 }
          base.copyMemory(from: source, byteCount: length)
          base.storeBytes(of: scanned.id.bigEndian, as: UInt16.self)
          let nameStart = MessageHeader.length
          if let client = query.baseAddress {
            (base + nameStart).copyMemory(from: client + nameStart, byteCount: scanned.nameEnd - nameStart)
          }
          if elapsed > 0 {
            var offsetAt = length
            while offsetAt + 2 <= stored.count {
              let at = Int(stored.loadUnaligned(fromByteOffset: offsetAt, as: UInt16.self))
              let ttl = UInt32(bigEndian: stored.loadUnaligned(fromByteOffset: at, as: UInt32.self))
              (base + at).storeBytes(of: (ttl > elapsed ? ttl - elapsed : 0).bigEndian, as: UInt32.self)
              offsetAt += 2
            }
          }
          return length
        }
      }
      return Hit(response: buffer, rcode: all[position].rcode, truncated: all[position].truncated)
    }
  }

  // MARK: - Recency list

  private func remove(slot: Int32) {
    unlink(slot)
    index.removeValue(forKey: entries[Int(slot)].key)
    entries[Int(slot)].storage = []
    free.append(slot)
  }

  @inline(__always)
  private func unlink(_ slot: Int32) {
    let newer = entries[Int(slot)].newer
    let older = entries[Int(slot)].older
    if newer >= 0 { entries[Int(newer)].older = older } else if newest == slot { newest = older }
    if older >= 0 { entries[Int(older)].newer = newer } else if oldest == slot { oldest = newer }
    entries[Int(slot)].newer = -1
    entries[Int(slot)].older = -1
  }

  @inline(__always)
  private func pushNewest(_ slot: Int32) {
    entries[Int(slot)].older = newest
    entries[Int(slot)].newer = -1
    if newest >= 0 { entries[Int(newest)].newer = slot }
    newest = slot
    if oldest < 0 { oldest = slot }
  }
}

/// One response held by a packet cache, copied out for a dump.
public struct PacketCacheSnapshot: Sendable {
  /// The response as it would be sent (ID and TTLs as stored, before the per-hit patching).
  public var response: [UInt8]
  /// Seconds until the entry expires.
  public var expiresIn: Int64
}
