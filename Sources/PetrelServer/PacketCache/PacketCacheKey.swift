import PetrelDNS

/// What makes two queries get the same response bytes.
///
/// The question (name lowercased, type, class) and every query bit that changes the answer: RD and CD are
/// copied into the response, EDNS presence decides whether an OPT record is sent, DO is echoed in it. A
/// response cut down for a small UDP limit is stored apart, under that limit, so that the whole response
/// stays available to clients that can take it.
struct PacketCacheKey: Hashable {
  /// FNV-1a of the lowercased name; entries also compare the names themselves, so a collision is only a miss.
  var nameHash: UInt64
  var type: UInt16
  var rrClass: UInt16
  /// RD, CD, EDNS present, DO.
  var variant: UInt8
  /// 0 for the whole response; otherwise the UDP size limit the stored, truncated response was cut to.
  var sizeLimit: UInt16

  @inline(__always)
  init(_ query: ScannedQuery, sizeLimit: UInt16) {
    nameHash = query.nameHash
    type = query.type
    rrClass = query.rrClass
    var variant: UInt8 = 0
    if query.flagsWord & MessageFlags.rd.rawValue != 0 { variant |= 1 }
    if query.flagsWord & MessageFlags.cd.rawValue != 0 { variant |= 2 }
    if let edns = query.edns {
      variant |= 4
      if edns.dnssecOK { variant |= 8 }
    }
    self.variant = variant
    self.sizeLimit = sizeLimit
  }

  /// One word into the hasher instead of five: the name hash is already well mixed.
  @inline(__always)
  func hash(into hasher: inout Hasher) {
    hasher.combine(
      nameHash ^ (UInt64(type) << 48 | UInt64(rrClass) << 32 | UInt64(variant) << 16 | UInt64(sizeLimit)))
  }
}
