extension DaemonOptions {
  /// `--user`, `--group`, `--chroot` and `--sandbox` applied over the file's `privileges` group.
  func applyPrivilegeOptions(to configuration: inout ServerConfiguration) throws(Failure) {
    if let user {
      try Self.checkAccountName(user, option: "--user")
      configuration.user = user
    }
    if let group {
      try Self.checkAccountName(group, option: "--group")
      configuration.group = group
    }
    if let chroot {
      guard chroot.hasPrefix("/") else { throw Failure(description: "--chroot: not an absolute path: \(chroot)") }
      configuration.chroot = chroot
    }
    if let sandbox {
      switch SandboxSelection.parse(flag: sandbox) {
      case .success(let names): configuration.sandbox = names
      case .failure(let unknown): throw Failure(description: "--sandbox: \(unknown)")
      }
    }
  }

  /// The same rule as the configuration file's: a name or a numeric ID, no spaces, `:` or `/`.
  private static func checkAccountName(_ name: String, option: String) throws(Failure) {
    guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0 == ":" || $0 == "/" }) else {
      throw Failure(description: "\(option): not a name or ID: '\(name)'")
    }
  }
}
