import PetrelDNS

/// `resolver.root-hints` (a named.root file, read and checked at load time) and `resolver.root-hint` (one root
/// server given inline, for labs and scenario harnesses that run their own root).
enum RootHintsSetting {
  /// Reads the hints file; errors in its contents point at the file's own line and column.
  static func file(_ value: ConfigurationValue) throws(ConfigurationError) -> (path: String, hints: RootHints) {
    let path = try value.filePath()
    let text: String
    do {
      text = try TextFileReader.contents(ofFile: path)
    } catch {
      throw value.error(error.message)
    }
    do {
      return (path, try RootHints(text: text, fileName: path))
    } catch {
      throw ConfigurationError(
        file: path, line: error.line, column: error.column, key: value.path, message: "root hints: \(error.message)")
    }
  }

  /// `{name: a.root.lab., address: 10.0.0.1}`; `address` may also be a list of addresses.
  static func inline(_ value: ConfigurationValue) throws(ConfigurationError) -> RootHints {
    let mapping = try value.mapping(ConfigurationSchema.rootHint)
    let nameValue = try mapping.required("name")
    let name = try nameValue.domainName()
    guard !name.isRoot else { throw nameValue.error("the root server needs a name of its own, not '.'") }
    let addressValue = try mapping.required("address")
    let items: [ConfigurationValue]
    if case .sequence = addressValue.node {
      items = try addressValue.list()
      guard !items.isEmpty else { throw addressValue.error("give at least one address") }
    } else {
      items = [addressValue]
    }
    // The hints are built as text and read by the same parser as a hints file, so they obey the same checks.
    var text = ". 3600000 IN NS \(name)\n"
    for item in items {
      let address = try item.string("an IPv4 or IPv6 address")
      switch IPAddress(address) {
      case .v4(let v4): text += "\(name) 3600000 IN A \(v4)\n"
      case .v6(let v6): text += "\(name) 3600000 IN AAAA \(v6)\n"
      case nil: throw item.error("'\(address)' is not an IPv4 or IPv6 address")
      }
    }
    do {
      return try RootHints(text: text)
    } catch {
      throw value.error("root hint: \(error.message)")
    }
  }
}
