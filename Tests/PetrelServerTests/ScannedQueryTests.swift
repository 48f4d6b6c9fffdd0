import PetrelDNS
import Testing

@testable import PetrelServer

@Suite("Scanning a query without decoding it")
struct ScannedQueryTests {
  private func scan(_ bytes: [UInt8]) -> QueryScanOutcome {
    bytes.withUnsafeBytes { ScannedQuery.scan($0, seed: 0) }
  }

  @Test("A standard query yields its question's place, type, class and EDNS fields")
  func standardQuery() throws {
    let bytes = try query("www.Example.com", .aaaa, id: 7, edns: EDNS(udpPayloadSize: 4096, dnssecOK: true))
    guard case .query(let scanned) = scan(bytes) else {
      Issue.record("not a query")
      return
    }
    #expect(scanned.id == 7)
    #expect(scanned.nameEnd == 12 + 17)
    #expect(scanned.type == RRType.aaaa.rawValue)
    #expect(scanned.rrClass == 1)
    #expect(scanned.questionEnd == 12 + 17 + 4)
    #expect(scanned.edns == ScannedQuery.EDNSFields(udpPayloadSize: 4096, version: 0, dnssecOK: true))
  }

  @Test("The name hash ignores case")
  func hashIgnoresCase() throws {
    guard case .query(let lower) = scan(try query("www.example.com")),
      case .query(let mixed) = scan(try query("WWW.example.COM")),
      case .query(let other) = scan(try query("www.example.net"))
    else {
      Issue.record("not queries")
      return
    }
    #expect(lower.nameHash == mixed.nameHash)
    #expect(lower.nameHash != other.nameHash)
  }

  @Test("Short packets and responses are dropped")
  func dropped() throws {
    #expect(scan([0x12, 0x34, 0x01]) == .drop)
    var response = try query("example.com")
    response[2] |= 0x80
    #expect(scan(response) == .drop)
  }

  @Test("Other opcodes are NOTIMP; no question, two questions, a compressed question name are FORMERR")
  func errors() throws {
    var notify = try query("example.com", id: 9)
    notify[2] = (notify[2] & 0x87) | (4 << 3)
    #expect(scan(notify) == .headerOnly(id: 9, flagsWord: UInt16(notify[2]) << 8 | UInt16(notify[3]), rcode: .notImp))

    var empty = try query("example.com", id: 9)
    empty[5] = 0
    guard case .headerOnly(_, _, .formErr) = scan(Array(empty[..<12])) else {
      Issue.record("no question should be FORMERR")
      return
    }
    var two = try query("example.com")
    two[5] = 2
    guard case .headerOnly(_, _, .formErr) = scan(two) else {
      Issue.record("two questions should be FORMERR")
      return
    }
    let pointer: [UInt8] = [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 0x0C, 0, 1, 0, 1]
    guard case .headerOnly(_, _, .formErr) = scan(pointer) else {
      Issue.record("a compressed question name should be FORMERR")
      return
    }
  }

  @Test("Two OPT records, or an OPT record with a non-root owner, are FORMERR")
  func badOPT() throws {
    let once = try query("example.com", edns: EDNS())
    var twice = once + once[(once.count - 11)...]
    twice[11] = 2
    guard case .headerOnly(_, _, .formErr) = scan(twice) else {
      Issue.record("two OPT records should be FORMERR")
      return
    }
    let owned = Array(once[..<(once.count - 11)]) + [1, 0x61, 0] + Array(once[(once.count - 10)...])
    guard case .headerOnly(_, _, .formErr) = scan(owned) else {
      Issue.record("an OPT record owned by a.  should be FORMERR")
      return
    }
  }

  @Test("A record running past the end is FORMERR")
  func truncatedRecord() throws {
    let withEDNS = try query("example.com", edns: EDNS())
    guard case .headerOnly(_, _, .formErr) = scan(Array(withEDNS.dropLast(3))) else {
      Issue.record("expected FORMERR")
      return
    }
  }
}
