import Foundation

/// Locates the committed test fixtures next to this file, so tests need no bundle resources.
enum Fixtures {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

  static func url(_ relativePath: String) -> URL { directory.appendingPathComponent(relativePath) }

  static func bytes(_ relativePath: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relativePath))) }

  static func text(_ relativePath: String) throws -> String {
    try String(contentsOf: url(relativePath), encoding: .utf8)
  }

  /// The stems (`a_A`, `txt_TXT`, …) of the responses captured from nsd by `scripts/capture-fixtures`.
  static var capturedResponses: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url("nsd/responses").path)) ?? []
    return names.filter { $0.hasSuffix(".bin") }.map { String($0.dropLast(4)) }.sorted()
  }
}
