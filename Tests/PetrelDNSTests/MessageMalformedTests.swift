import Testing

@testable import PetrelDNS

/// One hand-written malformed message and the exact error it must produce.
struct MalformedMessage: Sendable, CustomTestStringConvertible {
  let name: String
  let bytes: [UInt8]
  let error: DNSWireError

  var testDescription: String { name }
}

/// Header with the given counts and all other fields zero.
private func header(qd: UInt8 = 0, an: UInt8 = 0, ns: UInt8 = 0, ar: UInt8 = 0) -> [UInt8] {
  [0x12, 0x34, 0, 0, 0, qd, 0, an, 0, ns, 0, ar]
}

/// Root, type A, class IN: a 5-octet question.
private let rootQuestion: [UInt8] = [0, 0, 1, 0, 1]
/// Root-owned record header (11 octets up to and including RDLENGTH) of type `type`.
private func recordHeader(type: UInt8, rdlength: UInt8) -> [UInt8] { [0, 0, type, 0, 1, 0, 0, 0, 0, 0, rdlength] }
/// An OPT record with no options, payload size 1232.
private let emptyOPT: [UInt8] = [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 0]
/// An OPT record holding one option.
private func optWith(code: UInt8, data: [UInt8]) -> [UInt8] {
  [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, UInt8(4 + data.count), 0, code, 0, UInt8(data.count)] + data
}
private func label(_ byte: UInt8, _ count: Int = 63) -> [UInt8] {
  [UInt8(count)] + [UInt8](repeating: byte, count: count)
}

let malformedMessages: [MalformedMessage] = [
  .init(name: "truncated header", bytes: [0x12, 0x34, 0x01], error: .truncated(offset: 3)),
  .init(name: "empty input", bytes: [], error: .truncated(offset: 0)),
  .init(name: "truncated question name", bytes: header(qd: 1) + [3, 0x77, 0x77], error: .truncated(offset: 12)),
  .init(name: "truncated question type", bytes: header(qd: 1) + [0, 0], error: .truncated(offset: 13)),
  .init(
    name: "question count lies", bytes: header(qd: 2) + rootQuestion,
    error: .sectionCountMismatch(section: .question, declared: 2, found: 1)),
  .init(
    name: "answer count lies", bytes: header(an: 2) + recordHeader(type: 1, rdlength: 4) + [1, 2, 3, 4],
    error: .sectionCountMismatch(section: .answer, declared: 2, found: 1)),
  .init(
    name: "authority count lies", bytes: header(ns: 1),
    error: .sectionCountMismatch(section: .authority, declared: 1, found: 0)),
  .init(
    name: "additional count lies", bytes: header(qd: 1, ar: 3) + rootQuestion + emptyOPT,
    error: .sectionCountMismatch(section: .additional, declared: 3, found: 1)),
  .init(name: "trailing bytes", bytes: header(qd: 1) + rootQuestion + [0], error: .trailingBytes(offset: 17)),
  .init(name: "bytes after a header with no counts", bytes: header() + [0, 0], error: .trailingBytes(offset: 12)),
  .init(
    name: "pointer loop", bytes: header(qd: 1) + [1, 0x61, 0xC0, 0x0C, 0, 1, 0, 1], error: .pointerLoop(offset: 14)),
  .init(
    name: "forward pointer", bytes: header(qd: 1) + [0xC0, 0x0F, 0, 1, 0, 1], error: .forwardPointer(offset: 12)),
  .init(
    name: "pointer to itself", bytes: header(qd: 1) + [0xC0, 0x0C, 0, 1, 0, 1], error: .forwardPointer(offset: 12)),
  .init(
    name: "pointer out of range", bytes: header(qd: 1) + [0xC0, 0xFF, 0, 1, 0, 1],
    error: .pointerOutOfRange(offset: 12)),
  .init(name: "pointer cut in half", bytes: header(qd: 1) + [0xC0], error: .truncated(offset: 12)),
  .init(name: "label type 0x40", bytes: header(qd: 1) + [0x41, 0, 0, 1, 0, 1], error: .badLabelType(offset: 12)),
  .init(
    // 193 octets at 12, then a 63-octet label pointing at them: 257 octets once expanded.
    name: "name over 255 octets via a pointer",
    bytes: header(qd: 2) + label(0x61) + label(0x62) + label(0x63) + [0, 0, 1, 0, 1] + label(0x64) + [
      0xC0, 0x0C, 0, 1, 0, 1,
    ],
    error: .nameTooLong(offset: 209)),
  .init(
    name: "name over 255 octets without pointers",
    bytes: header(qd: 1) + label(0x61) + label(0x62) + label(0x63) + label(0x64) + [0, 0, 1, 0, 1],
    error: .nameTooLong(offset: 12)),
  .init(name: "truncated record", bytes: header(an: 1) + [0, 0, 1, 0, 1, 0, 0], error: .truncated(offset: 17)),
  .init(
    name: "RDATA past the end", bytes: header(an: 1) + recordHeader(type: 1, rdlength: 10) + [1, 2, 3, 4],
    error: .truncated(offset: 23)),
  .init(
    name: "A RDATA too long", bytes: header(an: 1) + recordHeader(type: 1, rdlength: 5) + [1, 2, 3, 4, 5],
    error: .rdataLengthMismatch(type: .a, offset: 23)),
  .init(
    name: "A RDATA too short", bytes: header(an: 1) + recordHeader(type: 1, rdlength: 3) + [1, 2, 3],
    error: .rdataLengthMismatch(type: .a, offset: 23)),
  .init(
    name: "NS RDATA longer than its name", bytes: header(an: 1) + recordHeader(type: 2, rdlength: 3) + [0, 0, 0],
    error: .rdataLengthMismatch(type: .ns, offset: 23)),
  .init(
    name: "NS name running past its RDATA", bytes: header(an: 1) + recordHeader(type: 2, rdlength: 2) + [1, 0x61, 0],
    error: .truncated(offset: 25)),
  .init(name: "second OPT", bytes: header(ar: 2) + emptyOPT + emptyOPT, error: .duplicateOPT(offset: 23)),
  .init(
    name: "OPT with a non-root owner", bytes: header(ar: 1) + [1, 0x61] + emptyOPT, error: .misplacedOPT(offset: 12)),
  .init(name: "OPT in the answer section", bytes: header(an: 1) + emptyOPT, error: .misplacedOPT(offset: 12)),
  .init(name: "OPT in the authority section", bytes: header(ns: 1) + emptyOPT, error: .misplacedOPT(offset: 12)),
  .init(
    name: "OPT option running past the RDATA",
    bytes: header(ar: 1) + [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 4, 0, 3, 0, 5],
    error: .rdataLengthMismatch(type: .opt, offset: 23)),
  .init(
    name: "OPT option header cut short", bytes: header(ar: 1) + [0, 0, 41, 0x04, 0xD0, 0, 0, 0, 0, 0, 3, 0, 3, 0],
    error: .rdataLengthMismatch(type: .opt, offset: 23)),
  .init(
    name: "cookie of 5 octets", bytes: header(ar: 1) + optWith(code: 10, data: [1, 2, 3, 4, 5]),
    error: .invalidRData(type: .opt, offset: 23, reason: "cookie of 5 octets")),
  .init(
    name: "cookie with a 41-octet body",
    bytes: header(ar: 1) + optWith(code: 10, data: [UInt8](repeating: 7, count: 41)),
    error: .invalidRData(type: .opt, offset: 23, reason: "cookie of 41 octets")),
  .init(
    name: "client subnet with bits past the prefix",
    bytes: header(ar: 1) + optWith(code: 8, data: [0, 1, 23, 0, 192, 0, 3]),
    error: .invalidRData(
      type: .opt, offset: 23, reason: "client subnet: address has bits set past the source prefix")),
  .init(
    name: "client subnet with too many address octets",
    bytes: header(ar: 1) + optWith(code: 8, data: [0, 1, 16, 0, 192, 0, 2]),
    error: .invalidRData(
      type: .opt, offset: 23, reason: "client subnet: address has 3 octets, the prefix needs 2")),
  .init(
    name: "client subnet IPv4 /33", bytes: header(ar: 1) + optWith(code: 8, data: [0, 1, 33, 0, 1, 2, 3, 4, 0]),
    error: .invalidRData(type: .opt, offset: 23, reason: "client subnet: prefix length 33 is over 32")),
  .init(
    name: "extended error without its code", bytes: header(ar: 1) + optWith(code: 15, data: [0]),
    error: .invalidRData(type: .opt, offset: 23, reason: "extended error of 1 octets")),
]

@Suite struct MessageMalformedTests {
  @Test(arguments: malformedMessages)
  func refusesWithItsOwnError(_ malformed: MalformedMessage) {
    #expect(throws: malformed.error) { try Message(decoding: malformed.bytes) }
  }

  @Test func queryPeekReadsOnlyTheHeaderAndFirstQuestion() throws {
    // The second question is garbage: the peek does not look at it, the full decoder does.
    let bytes = header(qd: 2) + [1, 0x61, 0, 0, 28, 0, 1] + [0xC0, 0xFF]
    let peek = try bytes.withUnsafeBytes { try QueryPeek(decoding: $0) }
    #expect(peek.question == Question(name: try DomainName("a."), type: .aaaa))
    #expect(peek.questionEnd == 19)
    #expect(peek.header.questionCount == 2)
    #expect(throws: DNSWireError.pointerOutOfRange(offset: 19)) { try Message(decoding: bytes) }
    let empty = try header().withUnsafeBytes { try QueryPeek(decoding: $0) }
    #expect(empty.question == nil)
    #expect(empty.questionEnd == 12)
    #expect(throws: DNSWireError.sectionCountMismatch(section: .question, declared: 1, found: 0)) {
      try header(qd: 1).withUnsafeBytes { try QueryPeek(decoding: $0) }
    }
    #expect(throws: DNSWireError.truncated(offset: 11)) {
      try [UInt8](repeating: 0, count: 11).withUnsafeBytes { try MessageHeader(decoding: $0) }
    }
  }
}
