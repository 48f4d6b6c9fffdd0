import Glibc
import PetrelSystem
import Testing

@Suite("prctl flags and credentials read back")
struct ProcessControlTests {
  @Test func keepCapabilitiesRoundTrips() throws {
    // PR_SET_KEEPCAPS is per thread and harmless to toggle; restore what was there.
    let before = try ProcessControl.keepsCapabilities()
    try ProcessControl.setKeepCapabilities(!before)
    #expect(try ProcessControl.keepsCapabilities() == !before)
    try ProcessControl.setKeepCapabilities(before)
    #expect(try ProcessControl.keepsCapabilities() == before)
  }

  @Test func dumpableRoundTrips() throws {
    let before = try ProcessControl.isDumpable()
    try ProcessControl.setDumpable(!before)
    #expect(try ProcessControl.isDumpable() == !before)
    try ProcessControl.setDumpable(before)
    #expect(try ProcessControl.isDumpable() == before)
  }

  @Test func noNewPrivilegesMatchesProcStatus() throws {
    let status = try ThreadPrivileges(parsingStatus: KernelTextFile.read("/proc/thread-self/status"))
    #expect(try ProcessControl.noNewPrivileges() == status.noNewPrivileges)
  }

  @Test func resolvedIDsMatchProcStatus() throws {
    let status = try ThreadPrivileges(parsingStatus: KernelTextFile.read("/proc/thread-self/status"))
    let users = Credentials.userIDs()
    #expect(
      [users.real, users.effective, users.saved] == [
        status.userIDs.real, status.userIDs.effective, status.userIDs.saved,
      ])
    let groups = Credentials.groupIDs()
    #expect(
      [groups.real, groups.effective, groups.saved] == [
        status.groupIDs.real, status.groupIDs.effective, status.groupIDs.saved,
      ])
    #expect(try Credentials.supplementaryGroups().sorted() == status.supplementaryGroups.sorted())
  }

  @Test func accountNamesResolve() throws {
    #expect(try Credentials.user(named: "root").userID == 0)
    #expect(try Credentials.group(named: "root").groupID == 0)
    #expect(throws: AccountLookupError.noSuchUser("petrel-no-such-user")) {
      try Credentials.user(named: "petrel-no-such-user")
    }
    #expect(throws: AccountLookupError.noSuchGroup("petrel-no-such-group")) {
      try Credentials.group(named: "petrel-no-such-group")
    }
  }

  @Test func aRootProofNeedsEveryAttemptRefusedWithEPERM() {
    let refused = RootRegainAttempt(call: "setuid(0)", error: .notPermitted)
    let succeeded = RootRegainAttempt(call: "setgid(0)", error: nil)
    let otherError = RootRegainAttempt(call: "setresuid(-1,0,-1)", error: .invalidArgument)
    #expect(RootRegainProof(attempts: [refused, refused]).rootIsGone)
    #expect(!RootRegainProof(attempts: [refused, succeeded]).rootIsGone)
    #expect(!RootRegainProof(attempts: [refused, otherError]).rootIsGone)
    #expect(!RootRegainProof(attempts: []).rootIsGone)
  }
}
