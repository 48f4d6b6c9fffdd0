/// The constants of the binary cache snapshot format (docs/takeover.md, "The cache snapshot"), in one
/// place, because the writing and the reading daemon may be different builds and must agree on them byte
/// for byte.
///
/// ```
/// offset 0   magic         "PTRLCACH"
/// offset 8   version       UInt16
/// offset 10  reserved      UInt16, 0
/// offset 12  taken at      Int64, seconds since the epoch
/// offset 20  records       UInt32, number of record entries
/// offset 24  denials       UInt32, number of denial entries
/// offset 28  entries       records, then denials; each a UInt32 length and that many bytes
/// ```
///
/// All integers big-endian. Inside an entry, names are in DNS wire form and RDATA is as on the wire; an
/// entry is encoded as one small DNS "message", so RDATA names may point back into the entry (never out of
/// it).
public enum CacheSnapshotFormat {
  /// The first eight bytes.
  public static let magic: [UInt8] = Array("PTRLCACH".utf8)
  /// The version this build writes and reads.
  public static let version: UInt16 = 1
  /// Bytes before the first entry.
  public static let headerSize = 28
  /// The largest snapshot a daemon accepts (1 GiB): far above any configured cache, far below a length
  /// field that would make the reader allocate absurdly.
  public static let maximumSize = 1 << 30

  /// How an entry names its source server: none, IPv4 (4 bytes and a port) or IPv6 (16 bytes and a port).
  enum SourceFamily: UInt8 {
    case none = 0
    case ipv4 = 4
    case ipv6 = 6
  }

  /// How a denial entry names its kind.
  enum DenialKind: UInt8 {
    case nxDomain = 1
    case noData = 2
  }
}
