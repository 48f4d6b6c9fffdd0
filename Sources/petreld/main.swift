import ArgumentParser
import Glibc
import PetrelServer
import PetrelSystem

/// `petreld`: the command line, parsed into `DaemonOptions` and handed to `PetrelDaemon`.
struct Petreld: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "petreld",
    abstract: "Petrel recursive DNS resolver daemon.",
    discussion: "Options given here override the configuration file. SIGTERM or SIGINT stops it cleanly.")

  @Option(name: .customLong("config"), help: ArgumentHelp("The YAML configuration file.", valueName: "file"))
  var configurationFile: String?

  @Option(
    help: ArgumentHelp(
      "Listen on ADDR:PORT, UDP and TCP (repeatable; replaces the file's list).", valueName: "addr:port"))
  var listen: [String] = []

  @Option(help: ArgumentHelp("Root hints file (named.root format).", valueName: "file"))
  var rootHints: String?

  @Option(help: ArgumentHelp("A single (lab) root server.", valueName: "name=address"))
  var rootHint: String?

  @Option(help: "Event loops; default one per core.")
  var threads: Int?

  @Option(help: "trace, debug, info, notice, warning, error or critical.")
  var logLevel: String?

  @Flag(name: .customLong("no-qname-minimisation"), help: "Send the full query name to every server.")
  var noQNameMinimisation = false

  @Flag(
    inversion: .prefixedNo,
    help: "Accept glue only inside the zone of the server that sent the referral (default on).")
  var hardenGlue: Bool?

  @Option(help: ArgumentHelp("A DS or DNSKEY trust anchor in zone-file syntax (repeatable).", valueName: "record"))
  var trustAnchor: [String] = []

  @Option(help: ArgumentHelp("A file of DS or DNSKEY trust anchors.", valueName: "file"))
  var trustAnchorFile: String?

  @Option(help: ArgumentHelp("A name treated as unsigned (repeatable).", valueName: "name"))
  var negativeTrustAnchor: [String] = []

  @Option(help: ArgumentHelp("Clients allowed to query (repeatable; replaces the file's list).", valueName: "net"))
  var allowFrom: [String] = []

  @Option(
    help: ArgumentHelp("Never send queries to this network (repeatable); 'none' empties the list.", valueName: "net"))
  var dontQuery: [String] = []

  @Option(help: ArgumentHelp("Where the control socket (control.sock) is created.", valueName: "dir"))
  var runtimeDirectory: String?

  @Option(help: ArgumentHelp("Members of this group may use petrelctl.", valueName: "name"))
  var controlGroup: String?

  @Option(help: ArgumentHelp("Account to become when started as root (default nobody).", valueName: "user"))
  var user: String?

  @Option(help: ArgumentHelp("Group to become when started as root (default: the user's).", valueName: "group"))
  var group: String?

  @Option(help: ArgumentHelp("Directory to chroot into before dropping privileges.", valueName: "dir"))
  var chroot: String?

  @Option(
    help: ArgumentHelp(
      "Kernel sandboxes: off, or landlock, landlock-network, landlock-scopes, seccomp separated by commas.",
      valueName: "layers"))
  var sandbox: String?

  @Flag(help: "Take the sockets and cache of the petreld answering on the control socket (docs/takeover.md).")
  var takeover = false

  @Option(
    help: ArgumentHelp(
      "How to take the descriptors: auto (pidfd_getfd, SCM_RIGHTS if refused), pidfd or scm-rights.",
      valueName: "how"))
  var takeoverTransfer: String = DescriptorTransfer.automatic.rawValue

  @Flag(help: "Fork; exit 0 once the child serves, 1 if it cannot (for systemd's ExecReload=).")
  var background = false

  #if DEBUG
    @Flag(
      help: ArgumentHelp(
        "Test builds only: exit with status 70 before telling the running daemon.", visibility: .hidden))
    var takeoverTestFailBeforeReady = false

    @Flag(help: ArgumentHelp("Test builds only: offer the first DNS socket with a wrong port.", visibility: .hidden))
    var takeoverTestMisdescribe = false
  #endif

  func validate() throws {
    guard DescriptorTransfer(rawValue: takeoverTransfer) != nil else {
      throw ValidationError("--takeover-transfer: one of auto, pidfd, scm-rights")
    }
  }

  func run() throws {
    var options = DaemonOptions()
    options.configurationFile = configurationFile
    options.listen = listen
    options.rootHintsFile = rootHints
    options.rootHint = rootHint
    options.threads = threads
    options.logLevel = logLevel
    options.noQNameMinimisation = noQNameMinimisation
    options.hardenGlue = hardenGlue
    options.trustAnchors = trustAnchor
    options.trustAnchorFile = trustAnchorFile
    options.negativeTrustAnchors = negativeTrustAnchor
    options.allowFrom = allowFrom
    options.dontQuery = dontQuery
    options.runtimeDirectory = runtimeDirectory
    options.controlGroup = controlGroup
    options.user = user
    options.group = group
    options.chroot = chroot
    options.sandbox = sandbox
    options.takeover = takeover
    options.takeoverTransfer = DescriptorTransfer(rawValue: takeoverTransfer) ?? .automatic
    options.background = background
    #if DEBUG
      options.takeoverTestHooks.failBeforeReady = takeoverTestFailBeforeReady
      options.takeoverTestHooks.misdescribeSocket = takeoverTestMisdescribe
    #endif
    let status = PetrelDaemon.run(options)
    if status != 0 { throw ExitCode(status) }
  }
}

AllocatorTuning.applyByReexecuting()
Petreld.main()
