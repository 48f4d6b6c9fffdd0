import PetrelDNS

/// A list of networks (`allow-from`, `dont-query`).
enum NetworkList {
  static func read(_ value: ConfigurationValue) throws(ConfigurationError) -> [IPNetwork] {
    var networks: [IPNetwork] = []
    for item in try value.list() {
      let network = try item.network()
      if !networks.contains(network) { networks.append(network) }
    }
    return networks
  }
}

/// An absolute directory or file path (`runtime-directory`, `chroot`): these are used after the working
/// directory may have changed, so relative ones are refused.
enum AbsolutePath {
  static func read(_ value: ConfigurationValue) throws(ConfigurationError) -> String {
    let text = try value.string("an absolute path")
    guard text.hasPrefix("/") else { throw value.error("'\(text)' must be an absolute path, starting with '/'") }
    return text
  }
}

/// A user or group: a name or a numeric id, without the characters no account name has.
enum AccountName {
  static func read(_ value: ConfigurationValue, what: String) throws(ConfigurationError) -> String {
    let text = try value.string("a \(what) name or id")
    guard !text.contains(where: { $0.isWhitespace || $0 == ":" || $0 == "/" }) else {
      throw value.error("'\(text)' is not a \(what) name: it may not hold spaces, ':' or '/'")
    }
    return text
  }
}
