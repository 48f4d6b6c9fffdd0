import PetrelDNS

/// Where the TTL fields of an encoded response are, found once when the response enters the packet cache.
///
/// A cache hit then ages the response by rewriting those four-octet fields in place, without decoding
/// anything. The OPT record's TTL field holds flags, not a TTL, and is left alone.
struct ResponseLayout: Equatable {
  /// The offset just after the first question's name.
  var nameEnd: Int
  /// Offsets of every record's TTL field (OPT excluded), in order.
  var ttlOffsets: [UInt16]

  /// Walks `response`; nil when it is not a single-question message that fits in 65 535 octets.
  init?(_ response: [UInt8]) {
    guard response.count >= MessageHeader.length, response.count <= 65_535 else { return nil }
    let layout: ResponseLayout? = response.withUnsafeBytes { bytes in
      func word(_ offset: Int) -> Int { Int(bytes[offset]) << 8 | Int(bytes[offset + 1]) }
      guard word(4) == 1, let nameEnd = ScannedQuery.skipName(bytes, from: MessageHeader.length),
        nameEnd + 4 <= bytes.count
      else { return nil }
      let records = word(6) + word(8) + word(10)
      var offsets: [UInt16] = []
      offsets.reserveCapacity(records)
      var offset = nameEnd + 4
      for _ in 0..<records {
        guard let afterName = ScannedQuery.skipName(bytes, from: offset), afterName + 10 <= bytes.count else {
          return nil
        }
        if word(afterName) != Int(RRType.opt.rawValue) { offsets.append(UInt16(afterName + 4)) }
        offset = afterName + 10 + word(afterName + 8)
        guard offset <= bytes.count else { return nil }
      }
      return ResponseLayout(nameEnd: nameEnd, ttlOffsets: offsets)
    }
    guard let layout else { return nil }
    self = layout
  }

  private init(nameEnd: Int, ttlOffsets: [UInt16]) {
    self.nameEnd = nameEnd
    self.ttlOffsets = ttlOffsets
  }
}
