import PetrelDNS
import PetrelResolver
import PetrelServer
import Testing

@Suite struct CacheSnapshotTests {
  @Test func everyEntryComesBackAsItWent() throws {
    let snapshot = CacheSnapshot(
      takenAt: Fixtures.takenAt, records: try Fixtures.records(), denials: try Fixtures.denials())
    let decoded = try CacheSnapshot(decoding: snapshot.encoded())
    #expect(decoded == snapshot)
  }

  @Test func anEmptySnapshotIsJustTheHeader() throws {
    let snapshot = CacheSnapshot(takenAt: -5, records: [], denials: [])
    let bytes = snapshot.encoded()
    #expect(bytes.count == CacheSnapshotFormat.headerSize)
    #expect(Array(bytes.prefix(8)) == Array("PTRLCACH".utf8))
    #expect(try CacheSnapshot(decoding: bytes) == snapshot)
  }

  @Test func loadingCountsDownTheTimeSinceTheSnapshot() throws {
    let clock = ManualClock(now: Fixtures.takenAt + 100)
    let caches = ResolverCaches(configuration: ResolverConfiguration(), clock: clock)
    let snapshot = CacheSnapshot(
      takenAt: Fixtures.takenAt,
      records: try Fixtures.records() + [
        try Fixtures.record(
          "short.example.", .a, ["192.0.2.9"], ttl: 100, source: nil, credibility: .authoritativeAnswer)
      ],
      denials: try Fixtures.denials())
    let result = snapshot.load(into: caches, now: clock.now())
    // The 100-second record and the 60-second denial ran out while the snapshot travelled.
    #expect(result == CacheSnapshot.LoadResult(records: 7, denials: 1, skipped: 2))
    let www = try #require(caches.records.lookup(try DomainName("www.example."), .a))
    #expect(www.rrset.ttl == 200)
    #expect(www.credibility == .authoritativeAnswer)
    #expect(www.originalTTL == 400)
    #expect(www.source == UpstreamServer(address: IPAddress("192.0.2.53")!))
    #expect(caches.records.lookup(try DomainName("short.example."), .a) == nil)
    let denial = try #require(caches.negative.lookup(try DomainName("missing.example."), .txt))
    #expect(denial.kind == .nxDomain)
    #expect(denial.soa.ttl == 20)
    #expect(caches.negative.lookup(try DomainName("www.example."), .mx) == nil)
  }

  @Test func aSnapshotFromTheFutureLoadsAsIfTakenNow() throws {
    let caches = ResolverCaches(configuration: ResolverConfiguration(), clock: ManualClock(now: Fixtures.takenAt))
    let snapshot = CacheSnapshot(takenAt: Fixtures.takenAt + 3_600, records: try Fixtures.records(), denials: [])
    #expect(snapshot.load(into: caches, now: Fixtures.takenAt).records == 7)
    #expect(caches.records.lookup(try DomainName("www.example."), .a)?.rrset.ttl == 300)
  }

  @Test func takesWhatTheCachesHoldNow() throws {
    let clock = ManualClock(now: Fixtures.takenAt)
    let caches = ResolverCaches(configuration: ResolverConfiguration(), clock: clock)
    for record in try Fixtures.records() {
      #expect(caches.records.store(record.rrset, credibility: record.credibility, source: record.source))
    }
    clock.advance(by: 10)
    let snapshot = CacheSnapshot.take(from: caches, clock: clock)
    #expect(snapshot.takenAt == Fixtures.takenAt + 10)
    #expect(snapshot.records.count == 7)
    #expect(snapshot.records.allSatisfy { $0.rrset.ttl == 290 })
  }

  @Test func everyTruncationIsRefused() throws {
    let bytes = CacheSnapshot(
      takenAt: Fixtures.takenAt, records: try Fixtures.records(), denials: try Fixtures.denials()
    ).encoded()
    for length in 0..<bytes.count {
      #expect(throws: CacheSnapshotError.self) { try CacheSnapshot(decoding: Array(bytes.prefix(length))) }
    }
  }

  @Test func damageToTheFrameIsRefusedAndDamageAnywhereDoesNotTrap() throws {
    let original = CacheSnapshot(
      takenAt: Fixtures.takenAt, records: try Fixtures.records(), denials: try Fixtures.denials())
    let bytes = original.encoded()
    // The framing bytes: the header but for the time stamp (any time is valid), and every entry's length.
    var framing = Set(0..<12).union(20..<CacheSnapshotFormat.headerSize)
    var offset = CacheSnapshotFormat.headerSize
    while offset < bytes.count {
      framing.formUnion(offset..<(offset + 4))
      offset +=
        4
        + (Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
          | Int(bytes[offset + 3]))
    }
    for index in bytes.indices {
      var damaged = bytes
      damaged[index] ^= 0xA5
      let decoded = try? CacheSnapshot(decoding: damaged)
      if framing.contains(index) {
        #expect(decoded == nil, "a damaged byte \(index) of the frame was accepted")
      } else if let decoded {
        #expect(decoded != original)
      }
    }
  }

  @Test func wrongMagicVersionCountsAndTrailingBytesAreRefused() throws {
    let bytes = CacheSnapshot(takenAt: 0, records: try Fixtures.records(), denials: []).encoded()
    var magic = bytes
    magic[0] = UInt8(ascii: "X")
    #expect(throws: CacheSnapshotError.notASnapshot) { try CacheSnapshot(decoding: magic) }
    var version = bytes
    version[9] = 2
    #expect(throws: CacheSnapshotError.unsupportedVersion(2)) { try CacheSnapshot(decoding: version) }
    var counts = bytes
    counts[20] = 0xFF
    #expect(throws: CacheSnapshotError.self) { try CacheSnapshot(decoding: counts) }
    #expect(throws: CacheSnapshotError.invalid(offset: bytes.count, reason: "1 bytes after the last entry")) {
      try CacheSnapshot(decoding: bytes + [0])
    }
  }
}
