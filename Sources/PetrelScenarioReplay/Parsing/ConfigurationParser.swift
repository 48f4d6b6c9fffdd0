import PetrelDNS

/// Reads the configuration block of a scenario into `ScenarioConfiguration`: `key: value` lines, values
/// unquoted, unknown keys kept aside.
struct ConfigurationParser {
  let file: String
  private(set) var configuration = ScenarioConfiguration()

  init(file: String) { self.file = file }

  mutating func take(_ line: ScenarioLine) throws(ScenarioParseError) {
    guard !line.isEmpty else { return }
    guard let colon = line.text.firstIndex(of: ":") else {
      throw error(line, "configuration line '\(line.text)' is not 'key: value'")
    }
    let key = String(ScenarioLine.trimmed(line.text[..<colon]))
    var value = String(ScenarioLine.trimmed(line.text[line.text.index(after: colon)...]))
    while let first = value.first, first == "\"" || first == "'" { value.removeFirst() }
    while let last = value.last, last == "\"" || last == "'" { value.removeLast() }
    switch key {
    case "stub-addr": configuration.stubAddress = try address(value, line)
    case "stub-name": configuration.stubName = try name(value, line)
    case "query-minimization": configuration.queryMinimisation = Self.boolean(value)
    case "harden-glue": configuration.hardenGlue = Self.boolean(value)
    case "do-ip6": configuration.queryIPv6 = Self.boolean(value)
    case "do-not-query-localhost": configuration.doNotQueryLocalhost = Self.boolean(value)
    case "trust-anchor": configuration.trustAnchors.append(value)
    case "domain-insecure": configuration.insecureDomains.append(value)
    case "forward-addr": configuration.forwardAddresses.append(try address(value, line))
    case "val-override-date":
      guard let seconds = CalendarTime.epochSeconds(compactUTC: value) else {
        throw error(line, "val-override-date '\(value)' is not YYYYMMDDhhmmss")
      }
      configuration.overrideTime = seconds
    case "val-override-timestamp":
      guard let seconds = Int64(value) else { throw error(line, "val-override-timestamp '\(value)' is not a number") }
      configuration.overrideTime = seconds
    case "features", "feature-list":
      for item in value.split(separator: ";") {
        let parts = item.split(separator: "=", maxSplits: 1)
        guard let itemKey = parts.first.map({ String(ScenarioLine.trimmed($0)) }), !itemKey.isEmpty else { continue }
        configuration.features[itemKey] = parts.count > 1 ? String(ScenarioLine.trimmed(parts[1])) : ""
      }
    default:
      configuration.otherSettings.append((key, value, line.number))
    }
  }

  /// Deckard's `str2bool`: yes, true, on and 1 are true; anything else is false.
  static func boolean(_ value: String) -> Bool {
    ["yes", "true", "on", "1"].contains(value.lowercased())
  }

  private func address(_ text: String, _ line: ScenarioLine) throws(ScenarioParseError) -> IPAddress {
    guard let address = IPAddress(text) else { throw error(line, "'\(text)' is not an IP address") }
    return address
  }

  private func name(_ text: String, _ line: ScenarioLine) throws(ScenarioParseError) -> DomainName {
    do {
      return try DomainName(text)
    } catch {
      throw self.error(line, "'\(text)' is not a domain name: \(error)")
    }
  }

  private func error(_ line: ScenarioLine, _ message: String) -> ScenarioParseError {
    ScenarioParseError(file: file, line: line.number, message: message)
  }
}
