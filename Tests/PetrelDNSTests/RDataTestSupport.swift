import Foundation
import PetrelTestSupport
import Testing

@testable import PetrelDNS

/// Wire and presentation round trips shared by the RDATA test suites.
enum RDataTestSupport {
  /// Decodes `rdata` as the RDATA of a record of `type`; `prefix` is message text before it, for pointers to target.
  static func decode(_ type: RRType, _ rdata: [UInt8], prefix: [UInt8] = []) throws -> RData {
    let message = prefix + rdata
    return try message.withUnsafeBytes { raw in
      var reader = WireReader(message: raw, offset: prefix.count)
      return try RData.decode(type: type, from: &reader, length: rdata.count)
    }
  }

  static func encode(_ rdata: RData) -> [UInt8] {
    var writer = WireWriter()
    rdata.encode(to: &writer)
    return writer.bytes
  }

  /// Text → RData → wire → RData → text; checks both values agree and returns the final text.
  static func roundTrip(_ type: RRType, _ text: String) throws -> String {
    let parsed = try RData(type: type, presentation: text)
    let decoded = try decode(type, encode(parsed))
    #expect(decoded == parsed)
    #expect(decoded.type == type)
    return decoded.presentation
  }
}

extension RDataTestSupport {
  /// Damages the wire form of every record in `records` many times over (flipped, dropped and added octets)
  /// and checks that decoding either fails with a `DNSWireError` or yields a value that encodes back to exactly
  /// the damaged octets: every type here has one canonical encoding, so anything else is a decoder bug.
  static func checkMutations(of records: [DigRecord], rounds: Int = 300) throws {
    var random = SplitMix64(seed: 0x5EED)
    for record in records {
      let original = encode(try RData(type: record.type, presentation: record.rdata))
      for _ in 0..<rounds {
        var damaged = original
        switch random.next() % 3 {
        case 0 where !damaged.isEmpty:
          damaged[Int(random.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: random.next())
        case 1 where !damaged.isEmpty:
          damaged.removeLast(Int(random.next() % UInt64(min(damaged.count, 8))) + 1)
        default:
          damaged.insert(UInt8(truncatingIfNeeded: random.next()), at: Int(random.next() % UInt64(damaged.count + 1)))
        }
        do {
          let decoded = try decode(record.type, damaged)
          #expect(encode(decoded) == damaged, "\(record.testDescription): \(damaged)")
        } catch {
          #expect(error is DNSWireError)
        }
      }
    }
  }
}

/// One record of the `dig` output in `Fixtures/dig-dnssec-svcb.txt`.
struct DigRecord: Sendable, CustomTestStringConvertible {
  let owner: String
  let type: RRType
  let rdata: String

  var testDescription: String { "\(owner) \(type)" }

  /// The records of `types`, in file order.
  static func load(_ types: Set<RRType>) -> [DigRecord] {
    guard let text = try? Fixtures.text("dig-dnssec-svcb.txt") else { return [] }
    return text.split(separator: "\n").compactMap { line in
      guard !line.hasPrefix(";"), let record = DigRecord(line: Substring(line)) else { return nil }
      return types.contains(record.type) ? record : nil
    }
  }

  /// Splits `owner TTL class type RDATA`, keeping the RDATA exactly as printed.
  init?(line: Substring) {
    var rest = line[...]
    var fields: [Substring] = []
    for _ in 0..<4 {
      rest = rest.drop { $0 == " " || $0 == "\t" }
      let field = rest.prefix { $0 != " " && $0 != "\t" }
      fields.append(field)
      rest = rest[field.endIndex...]
    }
    guard let type = RRType(mnemonic: String(fields[3])), rest.first == " " || rest.first == "\t" else { return nil }
    owner = String(fields[0])
    self.type = type
    rdata = String(rest.dropFirst())
  }
}
