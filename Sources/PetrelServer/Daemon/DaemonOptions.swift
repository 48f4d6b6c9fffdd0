import Logging
import PetrelDNS

/// The command line of `petreld`, as plain values: each option given overrides the configuration file.
///
/// Kept apart from the argument parser so that the rules for combining flags with the file are ordinary code,
/// testable without a process, and so that `petreld` itself is only parsing and `main`.
public struct DaemonOptions: Sendable {
  /// The YAML configuration file; nil starts from the defaults.
  public var configurationFile: String?
  /// `ADDR:PORT` (`[v6]:port`) to listen on; when any are given they replace the file's list.
  public var listen: [String] = []
  /// A root hints file (named.root format).
  public var rootHintsFile: String?
  /// One lab root server, `NAME=ADDRESS` (several addresses separated by commas).
  public var rootHint: String?
  public var threads: Int?
  public var logLevel: String?
  public var noQNameMinimisation = false
  /// `--harden-glue` / `--no-harden-glue`; nil keeps the file's setting.
  public var hardenGlue: Bool?
  /// `--trust-anchor RECORD` (repeatable) and `--trust-anchor-file FILE`: DS or DNSKEY records.
  public var trustAnchors: [String] = []
  public var trustAnchorFile: String?
  /// `--negative-trust-anchor NAME` (repeatable).
  public var negativeTrustAnchors: [String] = []
  /// Networks allowed to query; when any are given they replace the file's list.
  public var allowFrom: [String] = []
  /// Networks never queried; `none` alone empties the list.
  public var dontQuery: [String] = []
  /// Where the control socket is created (`control.sock` in it).
  public var runtimeDirectory: String?
  /// The group whose members may use `petrelctl`.
  public var controlGroup: String?
  /// `--user`, `--group`, `--chroot`: override the file's `privileges` group (names or numeric IDs).
  public var user: String?
  public var group: String?
  public var chroot: String?
  /// `--sandbox`: `off`, or sandbox names separated by commas (`landlock,seccomp`).
  public var sandbox: String?
  /// `--takeover`: take the sockets and cache of the daemon answering on the control socket (docs/takeover.md).
  public var takeover = false
  /// `--takeover-transfer`: how the descriptors are taken.
  public var takeoverTransfer = DescriptorTransfer.automatic
  /// `--background`: fork, and exit once the child serves (for systemd's `ExecReload=`).
  public var background = false
  /// Faults injected by takeover tests; settable only in debug builds.
  public var takeoverTestHooks = TakeoverTestHooks()

  public init() {}

  /// Why the command line and the file could not be combined.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  /// The configuration file (or the defaults) with every option given applied over it; reads every file
  /// the result names.
  public func configuration() throws(Failure) -> ServerConfiguration {
    var configuration = ServerConfiguration()
    if let configurationFile {
      do {
        configuration = try ServerConfiguration.load(fromFile: configurationFile)
      } catch {
        throw Failure(description: "\(error)")
      }
    }
    if !listen.isEmpty {
      configuration.listen = try listen.map { (text) throws(Failure) in
        guard let address = ListenAddress(text) else { throw Failure(description: "--listen: not ADDR:PORT: \(text)") }
        return address
      }
    }
    if let rootHintsFile {
      let text: String
      do {
        text = try TextFileReader.contents(ofFile: rootHintsFile)
      } catch {
        throw Failure(description: "--root-hints: \(error.message)")
      }
      do {
        configuration.resolver.rootHints = try RootHints(text: text, fileName: rootHintsFile)
      } catch {
        throw Failure(description: "--root-hints: \(rootHintsFile): \(error)")
      }
      configuration.rootHintsFile = rootHintsFile
    }
    if let rootHint { configuration.resolver.rootHints = try Self.singleRoot(rootHint) }
    if let threads {
      guard threads >= 1 else { throw Failure(description: "--threads must be at least 1") }
      configuration.threads = threads
    }
    if let logLevel {
      guard Logger.Level(rawValue: logLevel) != nil else {
        throw Failure(description: "--log-level: one of trace, debug, info, notice, warning, error, critical")
      }
      configuration.logLevel = logLevel
    }
    if noQNameMinimisation { configuration.resolver.qnameMinimisation = false }
    if let hardenGlue { configuration.resolver.hardenGlue = hardenGlue }
    try applyTrustAnchorOptions(to: &configuration)
    if !allowFrom.isEmpty { configuration.allowFrom = try Self.networks(allowFrom, option: "--allow-from") }
    if dontQuery == ["none"] {
      configuration.resolver.dontQuery = []
    } else if !dontQuery.isEmpty {
      configuration.resolver.dontQuery = try Self.networks(dontQuery, option: "--dont-query")
    }
    if let runtimeDirectory {
      guard runtimeDirectory.hasPrefix("/") else {
        throw Failure(description: "--runtime-directory: not an absolute path")
      }
      configuration.runtimeDirectory = runtimeDirectory
    }
    if let controlGroup { configuration.controlGroup = controlGroup }
    try applyPrivilegeOptions(to: &configuration)
    return configuration
  }

  /// Trust anchors from the command line are added to the file's; negative ones too.
  private func applyTrustAnchorOptions(to configuration: inout ServerConfiguration) throws(Failure) {
    for text in trustAnchors {
      do {
        configuration.resolver.trustAnchors += try TrustAnchorSetting.records(fromText: text)
      } catch {
        throw Failure(description: "--trust-anchor: \(error.message): \(text)")
      }
    }
    if let trustAnchorFile {
      let text: String
      do {
        text = try TextFileReader.contents(ofFile: trustAnchorFile)
      } catch {
        throw Failure(description: "--trust-anchor-file: \(error.message)")
      }
      do {
        configuration.resolver.trustAnchors += try TrustAnchorSetting.records(fromText: text, fileName: trustAnchorFile)
      } catch {
        throw Failure(description: "--trust-anchor-file: \(error)")
      }
    }
    for text in negativeTrustAnchors {
      guard let name = try? DomainName(text) else {
        throw Failure(description: "--negative-trust-anchor: not a domain name: \(text)")
      }
      configuration.resolver.negativeTrustAnchors.append(name)
    }
  }

  private static func networks(_ texts: [String], option: String) throws(Failure) -> [IPNetwork] {
    try texts.map { (text) throws(Failure) in
      guard let network = IPNetwork(text) else { throw Failure(description: "\(option): not a network: \(text)") }
      return network
    }
  }

  /// Root hints naming one server: `a.root.lab.=10.0.0.1,fd00::1`.
  static func singleRoot(_ text: String) throws(Failure) -> RootHints {
    let parts = text.split(separator: "=", maxSplits: 1)
    guard parts.count == 2, let name = try? DomainName(String(parts[0])), !name.isRoot else {
      throw Failure(description: "--root-hint: expected NAME=ADDRESS, got \(text)")
    }
    var hints = ". 3600000 IN NS \(name)\n"
    for addressText in parts[1].split(separator: ",") {
      switch IPAddress(addressText) {
      case .v4(let v4): hints += "\(name) 3600000 IN A \(v4)\n"
      case .v6(let v6): hints += "\(name) 3600000 IN AAAA \(v6)\n"
      case nil: throw Failure(description: "--root-hint: not an IP address: \(addressText)")
      }
    }
    do {
      return try RootHints(text: hints)
    } catch {
      throw Failure(description: "--root-hint: \(error)")
    }
  }
}
