/// The `privileges` group: the account, chroot and kernel sandboxes the daemon drops to after start-up.
enum PrivilegesSection {
  static let sandboxes = SandboxSelection.names

  static func read(_ value: ConfigurationValue, into configuration: inout ServerConfiguration)
    throws(ConfigurationError)
  {
    let group = try value.mapping(ConfigurationSchema.privileges)
    if let user = group["user"] { configuration.user = try AccountName.read(user, what: "user") }
    if let name = group["group"] { configuration.group = try AccountName.read(name, what: "group") }
    if let chroot = group["chroot"] { configuration.chroot = try AbsolutePath.read(chroot) }
    if let sandbox = group["sandbox"] {
      var chosen: Set<String> = []
      for item in try sandbox.list() {
        let name = try item.string("a sandbox name")
        guard sandboxes.contains(name) else {
          let hint = KeySuggestion.closest(to: name, among: sandboxes).map { " (did you mean '\($0)'?)" } ?? ""
          throw item.error("unknown sandbox '\(name)'\(hint); use \(sandboxes.joined(separator: ", ")), or [] for none")
        }
        chosen.insert(name)
      }
      configuration.sandbox = chosen
    }
  }
}
