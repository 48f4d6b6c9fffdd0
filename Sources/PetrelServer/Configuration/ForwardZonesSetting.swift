import PetrelDNS
import PetrelResolver

/// `resolver.forward-zones`: a mapping of zone name to the servers (`addr[:port]`) queries for it go to.
enum ForwardZonesSetting {
  static func read(_ value: ConfigurationValue) throws(ConfigurationError) -> [DomainName: [UpstreamServer]] {
    guard !value.isNull else { return [:] }
    guard case .mapping(let mapping) = value.node else {
      throw value.error("expected a mapping of zone names to lists of servers, found \(value.kind)")
    }
    var zones: [DomainName: [UpstreamServer]] = [:]
    for (keyNode, serversNode) in mapping {
      let keyValue = ConfigurationValue(node: keyNode, path: value.path, context: value.context)
      let zoneText = try keyValue.string("a zone name")
      let path = ConfigurationPath.child(value.path, zoneText)
      let zoneValue = ConfigurationValue(node: keyNode, path: path, context: value.context)
      let zone = try zoneValue.domainName()
      guard zones[zone] == nil else { throw zoneValue.error("the zone \(zone) is given more than once") }
      let serversValue = ConfigurationValue(
        node: serversNode, path: path, context: value.context, keyMark: keyNode.mark)
      let items = try serversValue.list()
      guard !items.isEmpty else { throw serversValue.error("give at least one server for \(zone)") }
      var servers: [UpstreamServer] = []
      for item in items {
        let server = try upstream(item)
        guard !servers.contains(server) else { throw item.error("\(server) is listed twice") }
        servers.append(server)
      }
      zones[zone] = servers
    }
    return zones
  }

  /// `192.0.2.1`, `192.0.2.1:5353`, `2001:db8::1`, `[2001:db8::1]:5353`.
  static func upstream(_ value: ConfigurationValue) throws(ConfigurationError) -> UpstreamServer {
    let text = try value.string("a server address such as 192.0.2.1 or [2001:db8::1]:5353")
    guard let parsed = ListenAddress(text), let address = IPAddress(parsed.host) else {
      throw value.error(
        "'\(text)' is not a server address: write 192.0.2.1, 192.0.2.1:5353, 2001:db8::1 or [2001:db8::1]:5353")
    }
    return UpstreamServer(address: address, port: UInt16(parsed.port))
  }
}
