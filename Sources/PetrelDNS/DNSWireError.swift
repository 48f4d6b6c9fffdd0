/// Why a DNS message (or a piece of one) could not be decoded or encoded.
///
/// Each malformation has its own case, with the offset where it was found, so that a resolver can log exactly
/// what a server sent and tests can assert the precise reason a message was refused.
public enum DNSWireError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The message ended before a field that had to be there.
  case truncated(offset: Int)
  /// A compression pointer leads back to where it has already been.
  case pointerLoop(offset: Int)
  /// A compression pointer points at or after itself (RFC 1035 only allows earlier positions).
  case forwardPointer(offset: Int)
  /// A compression pointer points outside the message.
  case pointerOutOfRange(offset: Int)
  /// A label type other than a plain label or a pointer (0x40 and 0x80 are not valid).
  case badLabelType(offset: Int)
  /// A name whose uncompressed form is longer than 255 octets.
  case nameTooLong(offset: Int)
  /// A compression pointer where the record type forbids one (RFC 3597 §4).
  case compressionNotAllowed(offset: Int)
  /// A header count promises more records than the message holds.
  case sectionCountMismatch(section: MessageSection, declared: Int, found: Int)
  /// Octets left over after every counted record has been read.
  case trailingBytes(offset: Int)
  /// The RDLENGTH field disagrees with what the RDATA's own structure says.
  case rdataLengthMismatch(type: RRType, offset: Int)
  /// The RDATA is structurally invalid for its type.
  case invalidRData(type: RRType, offset: Int, reason: String)
  /// A second OPT record (RFC 6891 §6.1.1).
  case duplicateOPT(offset: Int)
  /// An OPT record outside the additional section, or with an owner other than the root.
  case misplacedOPT(offset: Int)
  /// The message would be larger than 65 535 octets.
  case messageTooLarge
  /// Header, question and OPT record alone need `required` octets, more than the `maxSize` allowed.
  case doesNotFit(required: Int, maxSize: Int)
  /// An rcode above 15 needs an OPT record to carry its upper bits, and the message has none.
  case extendedRCodeWithoutEDNS(rcode: UInt16)
  /// An rcode above 4095, which the wire cannot carry.
  case rcodeOutOfRange(rcode: UInt16)
  /// An opcode above 15, which the header cannot carry.
  case opcodeOutOfRange(opcode: UInt8)
  /// An OPT record among a message's records: EDNS belongs in `Message.edns`.
  case optInRecordSection(section: MessageSection)

  public var description: String {
    switch self {
    case .truncated(let offset): "message truncated at offset \(offset)"
    case .pointerLoop(let offset): "compression pointer loop at offset \(offset)"
    case .forwardPointer(let offset): "forward compression pointer at offset \(offset)"
    case .pointerOutOfRange(let offset): "compression pointer out of range at offset \(offset)"
    case .badLabelType(let offset): "invalid label type at offset \(offset)"
    case .nameTooLong(let offset): "name longer than 255 octets at offset \(offset)"
    case .compressionNotAllowed(let offset): "compression pointer not allowed here, offset \(offset)"
    case .sectionCountMismatch(let section, let declared, let found):
      "\(section) section count says \(declared) records but the message holds \(found)"
    case .trailingBytes(let offset): "unexpected bytes after the last record at offset \(offset)"
    case .rdataLengthMismatch(let type, let offset):
      "\(type) RDATA length does not match its contents at offset \(offset)"
    case .invalidRData(let type, let offset, let reason): "invalid \(type) RDATA at offset \(offset): \(reason)"
    case .duplicateOPT(let offset): "second OPT record at offset \(offset)"
    case .misplacedOPT(let offset): "OPT record in the wrong place at offset \(offset)"
    case .messageTooLarge: "message larger than 65535 octets"
    case .doesNotFit(let required, let maxSize):
      "header, question and OPT need \(required) octets, more than the \(maxSize) allowed"
    case .extendedRCodeWithoutEDNS(let rcode): "rcode \(rcode) needs EDNS to be sent"
    case .rcodeOutOfRange(let rcode): "rcode \(rcode) is over 4095"
    case .opcodeOutOfRange(let opcode): "opcode \(opcode) is over 15"
    case .optInRecordSection(let section): "OPT record in the \(section) section; use Message.edns"
    }
  }
}

/// The four sections of a DNS message.
public enum MessageSection: String, Sendable, Equatable, CaseIterable {
  case question, answer, authority, additional
}
