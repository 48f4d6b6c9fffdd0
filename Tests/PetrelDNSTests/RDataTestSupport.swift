import Foundation
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

/// One record of the `dig` output in `Fixtures/dig-dnssec-svcb.txt`.
struct DigRecord: Sendable, CustomTestStringConvertible {
  let owner: String
  let type: RRType
  let rdata: String

  var testDescription: String { "\(owner) \(type)" }

  /// The records of `types`, in file order.
  static func load(_ types: Set<RRType>) -> [DigRecord] {
    guard let url = Bundle.module.url(forResource: "dig-dnssec-svcb", withExtension: "txt", subdirectory: "Fixtures"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else { return [] }
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
