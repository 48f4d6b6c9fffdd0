import PetrelDNS

/// The `server` group: where the daemon listens, whom it answers, and how much client work it takes on.
enum ServerSection {
  static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

  static func read(_ value: ConfigurationValue, into configuration: inout ServerConfiguration)
    throws(ConfigurationError)
  {
    let server = try value.mapping(ConfigurationSchema.server)
    if let listen = server["listen"] { configuration.listen = try listenAddresses(listen) }
    if let allowFrom = server["allow-from"] {
      let networks = try NetworkList.read(allowFrom)
      guard !networks.isEmpty else {
        throw allowFrom.error("an empty list refuses every client; to answer everyone, list 0.0.0.0/0 and ::/0")
      }
      configuration.allowFrom = networks
    }
    if let threads = server["threads"] {
      if case .scalar(let scalar) = threads.node, scalar.string == "auto" {
        configuration.threads = nil
      } else if case .scalar(let scalar) = threads.node, ConfigurationValue.decimal(scalar.string) == nil {
        throw threads.error("expected a number of threads or auto, found \(threads.kind)")
      } else {
        configuration.threads = try threads.integer(1...1_024)
      }
    }
    if let timeout = server["tcp-idle-timeout"] {
      configuration.tcpIdleTimeout = .seconds(try timeout.seconds(1...3_600))
    }
    if let clients = server["max-tcp-clients"] { configuration.maximumTCPClients = try clients.integer(1...1_000_000) }
    if let resolutions = server["max-concurrent-resolutions"] {
      configuration.maximumConcurrentResolutions = try resolutions.integer(1...10_000_000)
    }
    if let level = server["log-level"] {
      let text = try level.string("a log level")
      guard logLevels.contains(text) else {
        let hint = KeySuggestion.closest(to: text, among: logLevels).map { " (did you mean '\($0)'?)" } ?? ""
        throw level.error("unknown log level '\(text)'\(hint); use one of \(logLevels.joined(separator: ", "))")
      }
      configuration.logLevel = text
    }
    if let directory = server["runtime-directory"] {
      configuration.runtimeDirectory = try AbsolutePath.read(directory)
    }
    if let group = server["control-group"] { configuration.controlGroup = try AccountName.read(group, what: "group") }
    if let takeover = server["takeover"] { configuration.takeover = try takeover.boolean() }
  }

  static func listenAddresses(_ value: ConfigurationValue) throws(ConfigurationError) -> [ListenAddress] {
    var addresses: [ListenAddress] = []
    let items = try value.list()
    guard !items.isEmpty else { throw value.error("give at least one address to listen on") }
    for item in items {
      if case .sequence = item.node {
        throw item.error("expected an address, found a list: quote bracketed IPv6 addresses, as \"[::1]:53\"")
      }
      let text = try item.string("an address such as 127.0.0.1:53 or \"[::1]:53\"")
      guard let address = ListenAddress(text) else {
        throw item.error("'\(text)' is not an address: write 127.0.0.1:53, 127.0.0.1, \"[::1]:53\" or ::1")
      }
      guard !addresses.contains(address) else { throw item.error("\(address) is listed twice") }
      addresses.append(address)
    }
    return addresses
  }
}
