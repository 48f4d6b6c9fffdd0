import PetrelDNS
import PetrelResolver
import PetrelServer
import PetrelSystem
import Testing

/// The rules that turn configuration into a privilege plan: who to become, which TCP ports Landlock lets
/// through, what the operator is warned about. No process is started; the account lookups read the system's
/// databases, which every Linux system has `nobody` and `daemon` in.
@Suite("Building the privilege plan from configuration")
struct DaemonPrivilegesTests {
  @Test("TCP connect to 53, 853 and every forwarder's port; bind only to the listen ports")
  func landlockPorts() throws {
    var configuration = ServerConfiguration()
    configuration.resolver.forwardZones = [
      try DomainName("corp.example."): [
        UpstreamServer(address: IPAddress("192.0.2.1")!, port: 5353),
        UpstreamServer(address: IPAddress("192.0.2.2")!),
      ],
      try DomainName("lab.example."): [UpstreamServer(address: IPAddress("2001:db8::1")!, port: 8053)],
    ]
    let bound = try DaemonPrivileges(
      configuration: configuration, startedAsRoot: false, listenTCPPorts: [53, 5300, 53], socketActivated: false)
    #expect(bound.plan.tcpConnectPorts == [53, 853, 5353, 8053])
    #expect(bound.plan.tcpBindPorts == [53, 5300])
    let activated = try DaemonPrivileges(
      configuration: configuration, startedAsRoot: false, listenTCPPorts: [53], socketActivated: true)
    #expect(activated.plan.tcpBindPorts.isEmpty)
  }

  @Test("root with no account configured becomes nobody and its primary group, with a warning")
  func rootDefaultsToNobody() throws {
    let privileges = try DaemonPrivileges(
      configuration: ServerConfiguration(), startedAsRoot: true, listenTCPPorts: [53], socketActivated: false)
    let nobody = try Credentials.user(named: "nobody")
    let account = try #require(privileges.account)
    #expect(account.user == "nobody")
    #expect(try Credentials.group(named: account.group).groupID == nobody.primaryGroupID)
    #expect(account.isDefault)
    #expect(privileges.plan.user == "nobody" && privileges.plan.group == account.group)
    #expect(privileges.warnings.count == 1)
    #expect(
      privileges.warnings.first?.hasPrefix("started as root with no user configured: dropping to nobody/") == true)
    #expect(privileges.plan.sandbox == [.landlock, .seccomp])
    #expect(privileges.plan.requiredLandlockLayers == .filesystem)
    #expect(!privileges.plan.synchronizeSeccompAcrossThreads)
  }

  @Test("a configured user, by name or ID, brings its own primary group and no warning")
  func configuredUser() throws {
    let daemon = try Credentials.user(named: "daemon")
    for user in ["daemon", "\(daemon.userID)"] {
      var configuration = ServerConfiguration()
      configuration.user = user
      let privileges = try DaemonPrivileges(
        configuration: configuration, startedAsRoot: true, listenTCPPorts: [53], socketActivated: false)
      #expect(privileges.account?.user == "daemon")
      #expect(try Credentials.group(named: privileges.account?.group ?? "").groupID == daemon.primaryGroupID)
      #expect(privileges.warnings.isEmpty)
    }
  }

  @Test("an account that does not exist is refused before anything is applied")
  func unknownAccountsAreRefused() {
    var configuration = ServerConfiguration()
    configuration.user = "petrel-no-such-user"
    let noUser = #expect(throws: DropAccount.Failure.self) {
      try DaemonPrivileges(
        configuration: configuration, startedAsRoot: true, listenTCPPorts: [], socketActivated: false)
    }
    #expect(noUser?.description == "privileges.user: no user named petrel-no-such-user")
    configuration.user = nil
    configuration.group = "4123456789"
    let noGroup = #expect(throws: DropAccount.Failure.self) {
      try DaemonPrivileges(
        configuration: configuration, startedAsRoot: true, listenTCPPorts: [], socketActivated: false)
    }
    #expect(noGroup?.description == "privileges.group: no group with ID 4123456789")
  }

  @Test("not started as root: a configured account is ignored, with a notice, and nothing is looked up")
  func unprivilegedStartIgnoresAccount() throws {
    var configuration = ServerConfiguration()
    configuration.user = "petrel-no-such-user"
    configuration.group = "petrel-no-such-group"
    let privileges = try DaemonPrivileges(
      configuration: configuration, startedAsRoot: false, listenTCPPorts: [], socketActivated: true)
    #expect(privileges.account == nil)
    #expect(privileges.warnings.isEmpty)
    #expect(
      privileges.notices == [
        "privileges.user petrel-no-such-user ignored: not started as root, the starting credentials stay",
        "privileges.group petrel-no-such-group ignored: not started as root, the starting credentials stay",
      ])
  }

  @Test("no sandbox is a warning; chroot is passed on")
  func sandboxOffAndChroot() throws {
    var configuration = ServerConfiguration()
    configuration.sandbox = []
    configuration.chroot = "/var/lib/petrel"
    let privileges = try DaemonPrivileges(
      configuration: configuration, startedAsRoot: false, listenTCPPorts: [], socketActivated: false)
    #expect(privileges.plan.sandbox.isEmpty)
    #expect(privileges.plan.chrootPath == "/var/lib/petrel")
    #expect(privileges.warnings.count == 1)
    #expect(privileges.warnings.first?.hasPrefix("SANDBOX OFF: no Landlock, no seccomp") == true)
  }
}
