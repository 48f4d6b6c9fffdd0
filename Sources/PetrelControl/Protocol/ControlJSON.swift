#if canImport(FoundationEssentials)
  import FoundationEssentials
#else
  import Foundation
#endif

/// The JSON coding of frame payloads, configured once: sorted keys, so the same message is always the
/// same bytes (which the documentation examples and tests rely on).
enum ControlJSON {
  static func encode(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return Array(try encoder.encode(value))
  }

  static func decode<Value: Decodable>(_ type: Value.Type, from payload: [UInt8]) throws -> Value {
    try JSONDecoder().decode(type, from: Data(payload))
  }
}
