/// One resource record: owner, class, TTL and typed RDATA.
public struct ResourceRecord: Sendable, Hashable {
  public var name: DomainName
  public var rrClass: RRClass
  public var ttl: UInt32
  public var rdata: RData

  public init(name: DomainName, rrClass: RRClass = .internet, ttl: UInt32, rdata: RData) {
    self.name = name
    self.rrClass = rrClass
    self.ttl = ttl
    self.rdata = rdata
  }

  public var type: RRType { rdata.type }

  /// Reads one record at the reader's position.
  public static func decode(from reader: inout WireReader) throws(DNSWireError) -> ResourceRecord {
    let name = try reader.readName()
    let type = RRType(try reader.readUInt16())
    let rrClass = RRClass(try reader.readUInt16())
    let ttl = try reader.readUInt32()
    let length = Int(try reader.readUInt16())
    let rdata = try RData.decode(type: type, from: &reader, length: length)
    return ResourceRecord(name: name, rrClass: rrClass, ttl: ttl, rdata: rdata)
  }

  /// Writes the record, compressing the owner name and whatever RDATA names its type allows.
  public func encode(to writer: inout WireWriter) {
    writer.writeName(name, compress: true)
    writer.writeUInt16(type.rawValue)
    writer.writeUInt16(rrClass.rawValue)
    writer.writeUInt32(ttl)
    let lengthOffset = writer.count
    writer.writeUInt16(0)
    rdata.encode(to: &writer)
    writer.patchUInt16(UInt16(truncatingIfNeeded: writer.count - lengthOffset - 2), at: lengthOffset)
  }

  /// The record as `dig` prints it: owner, TTL, class, type and RDATA separated by tabs.
  public var presentation: String {
    "\(name)\t\(ttl)\t\(rrClass)\t\(type)\t\(rdata.presentation)"
  }
}

extension ResourceRecord: CustomStringConvertible {
  public var description: String { presentation }
}

/// The records that share owner, class and type (RFC 2181 §5), with one TTL.
public struct RRSet: Sendable, Hashable {
  public var name: DomainName
  public var type: RRType
  public var rrClass: RRClass
  public var ttl: UInt32
  public var rdatas: [RData]

  public init(name: DomainName, type: RRType, rrClass: RRClass = .internet, ttl: UInt32, rdatas: [RData]) {
    self.name = name
    self.type = type
    self.rrClass = rrClass
    self.ttl = ttl
    self.rdatas = rdatas
  }

  /// The individual records.
  public var records: [ResourceRecord] {
    rdatas.map { ResourceRecord(name: name, rrClass: rrClass, ttl: ttl, rdata: $0) }
  }

  /// Groups records into RRsets in order of first appearance; duplicate RDATA is dropped and the TTL of a set
  /// is the lowest of its records' (RFC 2181 §5.2).
  public static func group(_ records: [ResourceRecord]) -> [RRSet] {
    var sets: [RRSet] = []
    // A section rarely holds more than a handful of RRsets: up to `linearLimit` records a scan of the sets so
    // far beats hashing every owner name (and allocating a dictionary) on the cache-miss path.
    var index: [RRSetKey: Int]? = records.count > linearLimit ? [:] : nil
    for record in records {
      let position: Int?
      if let index {
        position = index[RRSetKey(name: record.name, type: record.type, rrClass: record.rrClass)]
      } else {
        position = sets.firstIndex {
          $0.type == record.type && $0.rrClass == record.rrClass && $0.name == record.name
        }
      }
      if let position {
        if !sets[position].rdatas.contains(record.rdata) { sets[position].rdatas.append(record.rdata) }
        sets[position].ttl = min(sets[position].ttl, record.ttl)
      } else {
        index?[RRSetKey(name: record.name, type: record.type, rrClass: record.rrClass)] = sets.count
        sets.append(
          RRSet(
            name: record.name, type: record.type, rrClass: record.rrClass, ttl: record.ttl,
            rdatas: [record.rdata]))
      }
    }
    return sets
  }

  /// The most records `group` sorts by scanning rather than hashing.
  static let linearLimit = 16
}

/// Owner, type and class: what identifies an RRset.
public struct RRSetKey: Sendable, Hashable {
  public var name: DomainName
  public var type: RRType
  public var rrClass: RRClass

  public init(name: DomainName, type: RRType, rrClass: RRClass = .internet) {
    self.name = name
    self.type = type
    self.rrClass = rrClass
  }
}
