import PetrelDNS

/// The `local-zones` list: zones answered from memory, each read from its zone file at load time.
enum LocalZonesSection {
  static func read(_ value: ConfigurationValue) throws(ConfigurationError) -> [LocalZoneSource] {
    var zones: [LocalZoneSource] = []
    var seen: [DomainName: Int] = [:]
    for item in try value.list() {
      let mapping = try item.mapping(ConfigurationSchema.localZone)
      let zoneValue = try mapping.required("zone")
      let apex = try zoneValue.domainName()
      if let line = seen[apex] {
        throw zoneValue.error("the local zone \(apex) is given twice (first at line \(line))")
      }
      seen[apex] = zoneValue.mark?.line ?? 0
      zones.append(try LocalZoneFile.load(mapping))
    }
    return zones
  }
}
