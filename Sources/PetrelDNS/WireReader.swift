/// A cursor over the octets of a DNS message, used by every decoder.
///
/// It reads from borrowed memory (`UnsafeRawBufferPointer`) so that the same decoder serves arrays, SwiftNIO
/// buffers and fuzzer input without copying; every read is bounds-checked and fails with a typed error.
/// A reader must not outlive the memory it was made for: decoders use one inside a `withUnsafeBytes` call.
public struct WireReader {
  /// The whole message: compression pointers are resolved against it.
  public let message: UnsafeRawBufferPointer
  /// The next octet to read.
  public var offset: Int
  /// Reads stop here (the end of an RDATA field while decoding one, otherwise the end of the message).
  public var limit: Int

  public init(message: UnsafeRawBufferPointer, offset: Int = 0) {
    self.message = message
    self.offset = offset
    self.limit = message.count
  }

  /// Octets left before `limit`.
  public var remaining: Int { limit - offset }

  public mutating func readUInt8() throws(DNSWireError) -> UInt8 {
    guard offset < limit else { throw .truncated(offset: offset) }
    defer { offset += 1 }
    return message[offset]
  }

  public mutating func readUInt16() throws(DNSWireError) -> UInt16 {
    guard limit - offset >= 2 else { throw .truncated(offset: offset) }
    defer { offset += 2 }
    return UInt16(message[offset]) << 8 | UInt16(message[offset + 1])
  }

  public mutating func readUInt32() throws(DNSWireError) -> UInt32 {
    guard limit - offset >= 4 else { throw .truncated(offset: offset) }
    defer { offset += 4 }
    return UInt32(message[offset]) << 24 | UInt32(message[offset + 1]) << 16 | UInt32(message[offset + 2]) << 8
      | UInt32(message[offset + 3])
  }

  public mutating func readBytes(_ count: Int) throws(DNSWireError) -> [UInt8] {
    guard count >= 0, limit - offset >= count else { throw .truncated(offset: offset) }
    defer { offset += count }
    return Array(message[offset..<(offset + count)])
  }

  /// Reads a `<character-string>`: a length octet and that many octets.
  public mutating func readCharacterString() throws(DNSWireError) -> [UInt8] {
    let length = Int(try readUInt8())
    return try readBytes(length)
  }

  public mutating func skip(_ count: Int) throws(DNSWireError) {
    guard count >= 0, limit - offset >= count else { throw .truncated(offset: offset) }
    offset += count
  }

  /// Reads a possibly compressed name.
  ///
  /// Pointers must point strictly backwards, to a position before the one where the pointer chain started;
  /// that rule alone makes loops impossible, but a loop is still reported as such when one is met.
  /// With `allowCompression` false, any pointer is an error (names in RDATA of types RFC 3597 §4 leaves
  /// uncompressed).
  public mutating func readName(allowCompression: Bool = true) throws(DNSWireError) -> DomainName {
    var wire: [UInt8] = []
    wire.reserveCapacity(32)
    var position = offset
    var endOfName: Int? = nil
    var lowestPointerTarget = offset
    var hops = 0
    while true {
      // A name that started inside the RDATA may only use the RDATA's own octets until it jumps away.
      let bound = endOfName == nil ? limit : message.count
      guard position < bound else { throw .truncated(offset: position) }
      let length = message[position]
      switch length & 0xC0 {
      case 0x00:
        if length == 0 {
          wire.append(0)
          guard wire.count <= DomainName.maximumWireLength else { throw .nameTooLong(offset: offset) }
          offset = endOfName ?? (position + 1)
          return DomainName(validatedWire: wire)
        }
        let labelEnd = position + 1 + Int(length)
        guard labelEnd <= bound else { throw .truncated(offset: position) }
        guard wire.count + Int(length) + 2 <= DomainName.maximumWireLength else {
          throw .nameTooLong(offset: offset)
        }
        wire.append(length)
        wire.append(contentsOf: message[(position + 1)..<labelEnd])
        position = labelEnd
      case 0xC0:
        guard allowCompression else { throw .compressionNotAllowed(offset: position) }
        guard position + 1 < bound else { throw .truncated(offset: position) }
        let target = Int(length & 0x3F) << 8 | Int(message[position + 1])
        if endOfName == nil { endOfName = position + 2 }
        guard target < message.count else { throw .pointerOutOfRange(offset: position) }
        hops += 1
        if target >= position {
          throw hops > 1 && target >= lowestPointerTarget
            ? .pointerLoop(offset: position) : .forwardPointer(offset: position)
        }
        guard target < lowestPointerTarget else { throw .pointerLoop(offset: position) }
        lowestPointerTarget = target
        position = target
      default:
        throw .badLabelType(offset: position)
      }
    }
  }

  /// Runs `body` with reads confined to the next `length` octets, and checks that it used exactly those.
  public mutating func withLimit<T>(
    _ length: Int, type: RRType, _ body: (inout WireReader) throws(DNSWireError) -> T
  ) throws(DNSWireError) -> T {
    guard length >= 0, limit - offset >= length else { throw .truncated(offset: offset) }
    let savedLimit = limit
    let start = offset
    limit = offset + length
    let value = try body(&self)
    guard offset == start + length else { throw .rdataLengthMismatch(type: type, offset: start) }
    limit = savedLimit
    return value
  }
}
