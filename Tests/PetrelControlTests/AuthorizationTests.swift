import Glibc
import PetrelControl
import PetrelSystem
import SystemPackage
import Testing

@Suite struct AuthorizationTests {
  let policy = ControlAuthorization(daemonUserID: 999, controlGroupID: 4242, controlGroupName: "petrelctl")

  @Test func rootTheDaemonsUserAndTheControlGroupMayConnect() {
    #expect(policy.decide(peer: PeerCredentials(pid: 1, uid: 0, gid: 0), peerGroups: []) == .allowed("root"))
    #expect(
      policy.decide(peer: PeerCredentials(pid: 1, uid: 999, gid: 999), peerGroups: [])
        == .allowed("the daemon's own user"))
    #expect(
      policy.decide(peer: PeerCredentials(pid: 1, uid: 1000, gid: 4242), peerGroups: [])
        == .allowed("member of group petrelctl (4242)"))
    #expect(
      policy.decide(peer: PeerCredentials(pid: 1, uid: 1000, gid: 1000), peerGroups: [27, 4242])
        == .allowed("member of group petrelctl (4242)"))
  }

  @Test func everyoneElseIsRefusedWithTheRule() {
    #expect(
      policy.decide(peer: PeerCredentials(pid: 1, uid: 1000, gid: 1000), peerGroups: [27])
        == .refused(
          "permission denied: uid 1000 may not control this daemon (allowed: root, uid 999, members of group "
            + "petrelctl (4242))"))
    let noGroup = ControlAuthorization(daemonUserID: 999)
    #expect(
      noGroup.decide(peer: PeerCredentials(pid: 1, uid: 1000, gid: 4242), peerGroups: [4242])
        == .refused("permission denied: uid 1000 may not control this daemon (allowed: root, uid 999)"))
  }

  @Test func withoutThePeersGroupsTheGroupDatabaseDecides() {
    // uid 65534 (nobody) is in no supplementary group of the database.
    #expect(
      policy.decide(peer: PeerCredentials(pid: 1, uid: 65534, gid: 65534), peerGroups: nil)
        == .refused(
          "permission denied: uid 65534 may not control this daemon (allowed: root, uid 999, members of group "
            + "petrelctl (4242))"))
    let nogroup = ControlAuthorization(daemonUserID: 999, controlGroupID: 65534)
    #expect(
      nogroup.decide(peer: PeerCredentials(pid: 1, uid: 65534, gid: 65534), peerGroups: nil)
        == .allowed("member of group 65534"))
  }

  @Test func theControlGroupIsFoundByName() throws {
    let nogroup = try ControlAuthorization(daemonUserID: 0, controlGroupNamed: "nogroup")
    #expect(nogroup.controlGroupID == 65534 && nogroup.controlGroupName == "nogroup")
    #expect(throws: AccountLookupError.noSuchGroup("no-such-petrel-group")) {
      try ControlAuthorization(controlGroupNamed: "no-such-petrel-group")
    }
  }
}

/// `petrelctl` run as `nobody` against a real server: the kernel's view of the peer decides.
@Suite(.enabled(if: runningAsRoot, "switching to nobody needs root"))
struct PeerCredentialTests {
  @Test func nobodyIsRefusedAndTheRefusalIsLogged() async throws {
    let server = try TestServer(
      mode: FilePermissions(rawValue: 0o666), authorization: ControlAuthorization(daemonUserID: 0, controlGroupID: 4242)
    )
    let outcome = try await runProcess(asNobody([petrelctlPath, "ping", "--socket", server.socketPath]))
    #expect(outcome.status == 2, "\(outcome)")
    #expect(
      outcome.standardError
        == "petrelctl: refused by the daemon: permission denied: uid 65534 may not control this daemon "
        + "(allowed: root, uid 0, members of group 4242)\n")
    #expect(outcome.standardOutput.isEmpty)
    #expect(server.handler.callCount == 0)
    let refusal = server.logs.all.first { $0.message.hasPrefix("refused control connection") }
    #expect(refusal?.level == .warning)
    #expect(refusal?.metadata["peer"]?.contains("uid 65534 gid 65534") == true)
  }

  @Test func theControlGroupMayConnectByPrimaryOrSupplementaryGroup() async throws {
    let byPrimary = try TestServer(
      mode: FilePermissions(rawValue: 0o666),
      authorization: ControlAuthorization(daemonUserID: 0, controlGroupID: 65534))
    let primary = try await runProcess(asNobody([petrelctlPath, "ping", "--socket", byPrimary.socketPath]))
    #expect(primary.status == 0 && primary.standardOutput == "pong: ping\n", "\(primary)")

    let bySupplementary = try TestServer(
      mode: FilePermissions(rawValue: 0o666), authorization: ControlAuthorization(daemonUserID: 0, controlGroupID: 4242)
    )
    let supplementary = try await runProcess(
      asNobody([petrelctlPath, "ping", "--socket", bySupplementary.socketPath], extraGroups: [4242]))
    #expect(supplementary.status == 0 && supplementary.standardOutput == "pong: ping\n", "\(supplementary)")
    #expect(await bySupplementary.logs.appears("control command: ping"))
  }

  @Test func theSocketsModeKeepsOthersOutBeforeTheDaemonIsAsked() async throws {
    let server = try TestServer()  // 0660, root's group
    let outcome = try await runProcess(asNobody([petrelctlPath, "ping", "--socket", server.socketPath]))
    #expect(outcome.status == 3, "\(outcome)")
    #expect(outcome.standardError == "petrelctl: permission denied connecting to \(server.socketPath)\n")
    #expect(server.logs.all.allSatisfy { $0.metadata["peer"] == nil })
  }
}
