import Foundation
import PetrelDNS
import PetrelServer

/// A private directory for the files a configuration names, removed when the test is done.
final class ScratchDirectory {
  let path: String

  init() throws {
    path = NSTemporaryDirectory() + "petrel-config-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(atPath: path) }

  /// Writes `text` to `name` (which may hold subdirectories) and returns the full path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    let full = path + "/" + name
    let directory = (full as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try text.write(toFile: full, atomically: true, encoding: .utf8)
    return full
  }

  /// The name a configuration file in this directory has, so relative paths in it resolve here.
  var configurationFile: String { path + "/petrel.yml" }
}

/// The repository's root, found from this file's place in it.
enum Repository {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
}

/// The error `yaml` is refused with, or nil when it is accepted.
func configurationError(_ yaml: String, fileName: String? = "petrel.yml") -> ConfigurationError? {
  do {
    _ = try ServerConfiguration(yaml: yaml, fileName: fileName)
    return nil
  } catch {
    return error
  }
}

func name(_ text: String) -> DomainName { try! DomainName(text) }

/// A small zone, as the local-zone tests and the configuration tests use it.
let homeZoneText = """
  $ORIGIN home.test.
  $TTL 3600
  @         IN SOA  ns.home.test. admin.home.test. 1 3600 900 604800 300
            IN NS   ns
  ns        IN A    192.0.2.1
  host      IN A    192.0.2.10
            IN AAAA 2001:db8::10
  www       IN CNAME host
  alias2    IN CNAME www
  out       IN CNAME www.example.com.
  loop1     IN CNAME loop2
  loop2     IN CNAME loop1
  deep.ent  IN A    192.0.2.20
  *.wild    IN A    192.0.2.30
  *.wild    IN TXT  "wildcard"
  x.y.wild  IN A    192.0.2.31
  *.cw      IN CNAME host
  sub       IN NS   ns.sub
  sub       IN DS   12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
  ns.sub    IN A    192.0.2.53
  ns.sub    IN AAAA 2001:db8::53
  other     IN NS   ns.example.net.
  moved     IN DNAME elsewhere.home.test.
  host.elsewhere IN A 192.0.2.40
  """
