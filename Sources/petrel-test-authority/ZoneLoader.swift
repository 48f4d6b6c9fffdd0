import Foundation
import PetrelDNS
import PetrelTestSupport

/// Reads the `--zone` files into zones, so that every mistake in a test's zone data stops the server at
/// start-up with the file and line named, rather than showing up later as a puzzling answer.
enum ZoneLoader {
  static func load(_ files: [(origin: DomainName, path: String)]) throws(AuthorityError) -> ZoneSet {
    var zones: [AuthoritativeZone] = []
    for (origin, path) in files {
      let text: String
      do {
        text = try String(contentsOfFile: path, encoding: .utf8)
      } catch {
        throw .cannotOpen(path: path, reason: "\(error)")
      }
      var parser = ZoneFileParser(text: text, origin: origin, fileName: path)
      do {
        zones.append(try AuthoritativeZone(origin: origin, records: try parser.parseAll()))
      } catch {
        throw .badZone(path: path, reason: "\(error)")
      }
    }
    return ZoneSet(zones)
  }
}
