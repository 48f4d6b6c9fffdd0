/// The set of record types present at a name, as NSEC and NSEC3 records carry it (RFC 4034 §4.1.2).
///
/// A value type over a sorted, duplicate-free array so that denial-of-existence checks can ask `contains`
/// cheaply and two bitmaps compare equal exactly when their wire forms do. Decoding rejects every
/// non-canonical encoding: windows out of order or repeated, lengths outside 1–32, trailing zero octets.
public struct TypeBitmap: Sendable, Hashable, Sequence {
  /// The types, in increasing order, each once.
  public let types: [RRType]

  public init<Types: Sequence<RRType>>(_ types: Types) {
    self.types = Set(types).sorted()
  }

  public static let empty = TypeBitmap([])

  public var isEmpty: Bool { types.isEmpty }

  public func contains(_ type: RRType) -> Bool {
    var low = 0
    var high = types.count
    while low < high {
      let middle = (low + high) / 2
      if types[middle] < type { low = middle + 1 } else { high = middle }
    }
    return low < types.count && types[low] == type
  }

  public func makeIterator() -> IndexingIterator<[RRType]> { types.makeIterator() }

  /// Reads windows until the reader's limit; `owner` names the record type in errors.
  public static func decode(from reader: inout WireReader, owner: RRType) throws(DNSWireError) -> TypeBitmap {
    var types: [RRType] = []
    var previousWindow = -1
    while reader.remaining > 0 {
      let windowOffset = reader.offset
      let window = Int(try reader.readUInt8())
      let length = Int(try reader.readUInt8())
      guard window > previousWindow else {
        throw .invalidRData(type: owner, offset: windowOffset, reason: "type bitmap window \(window) out of order")
      }
      guard (1...32).contains(length) else {
        throw .invalidRData(type: owner, offset: windowOffset, reason: "type bitmap window length \(length)")
      }
      let octets = try reader.readBytes(length)
      guard octets[length - 1] != 0 else {
        throw .invalidRData(type: owner, offset: windowOffset, reason: "type bitmap window ends in a zero octet")
      }
      for (index, octet) in octets.enumerated() where octet != 0 {
        for bit in 0..<8 where octet & (0x80 >> UInt8(bit)) != 0 {
          types.append(RRType(UInt16(window << 8 | index << 3 | bit)))
        }
      }
      previousWindow = window
    }
    return TypeBitmap(validatedSorted: types)
  }

  private init(validatedSorted types: [RRType]) { self.types = types }

  public func encode(to writer: inout WireWriter) {
    var index = 0
    while index < types.count {
      let window = types[index].rawValue >> 8
      var octets: [UInt8] = []
      while index < types.count && types[index].rawValue >> 8 == window {
        let low = Int(types[index].rawValue & 0xFF)
        if octets.count <= low >> 3 {
          octets.append(contentsOf: repeatElement(0, count: (low >> 3) + 1 - octets.count))
        }
        octets[low >> 3] |= 0x80 >> UInt8(low & 7)
        index += 1
      }
      writer.writeUInt8(UInt8(window))
      writer.writeUInt8(UInt8(octets.count))
      writer.writeBytes(octets)
    }
  }

  /// Reads every remaining field as a type mnemonic (`A`, `RRSIG`, `TYPE65400`).
  public static func parse(_ fields: inout RDataFields) throws(PresentationError) -> TypeBitmap {
    var types: [RRType] = []
    for token in fields.remaining() {
      guard let type = RRType(mnemonic: token.string) else {
        throw fields.failure("'\(token.string)' is not a record type", at: token)
      }
      types.append(type)
    }
    return TypeBitmap(types)
  }

  /// The mnemonics separated by spaces, as `dig` prints them.
  public var presentation: String { types.map(\.description).joined(separator: " ") }
}
