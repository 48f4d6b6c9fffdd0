/// Reading the daemon's YAML configuration file; `docs/configuration.md` describes every key.
extension ServerConfiguration {
  /// Builds the configuration from YAML text: defaults, overridden by what the text sets.
  ///
  /// Every file the text names (zone files, a root hints file) is read and checked now, because the daemon reads
  /// everything before it drops its privileges. Relative paths are taken relative to the directory of `fileName`
  /// (the working directory when it has none). Unknown keys, wrong types, out-of-range values and duplicate keys
  /// are errors; the first one found is thrown, naming its file, line, column and key.
  public init(yaml: String, fileName: String? = nil) throws(ConfigurationError) {
    self.init()
    let context = ConfigurationContext(fileName: fileName)
    guard let root = try ConfigurationDocument.compose(yaml, context: context) else { return }
    let top = try root.mapping(ConfigurationSchema.topLevel)
    if let server = top["server"] { try ServerSection.read(server, into: &self) }
    if let resolver = top["resolver"] { try ResolverSection.read(resolver, into: &self) }
    if let privileges = top["privileges"] { try PrivilegesSection.read(privileges, into: &self) }
    if let zones = top["local-zones"] { localZones = try LocalZonesSection.read(zones) }
  }

  /// Reads and parses the configuration file at `path`; see `init(yaml:fileName:)`.
  public static func load(fromFile path: String) throws(ConfigurationError) -> ServerConfiguration {
    let text: String
    do {
      text = try TextFileReader.contents(ofFile: path)
    } catch {
      throw ConfigurationError(file: path, message: error.message)
    }
    return try ServerConfiguration(yaml: text, fileName: path)
  }
}
